package io.k3j.telemetry.internal.otlp;

/** The OTLP signal types the buffer carries, with their stable on-disk codes. */
public enum Signal {
  TRACES(1, "/v1/traces", "spans"),
  METRICS(2, "/v1/metrics", "data_points"),
  LOGS(3, "/v1/logs", "log_records");

  private final int code;
  private final String httpPath;
  private final String itemName;

  Signal(int code, String httpPath, String itemName) {
    this.code = code;
    this.httpPath = httpPath;
    this.itemName = itemName;
  }

  /** Byte written into each queue record; never reuse a code. */
  public int code() {
    return code;
  }

  /** Default OTLP/HTTP path (OTLP spec, "OTLP/HTTP Request"). */
  public String httpPath() {
    return httpPath;
  }

  public String itemName() {
    return itemName;
  }

  public String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Signal fromCode(int code) {
    for (Signal signal : values()) {
      if (signal.code == code) {
        return signal;
      }
    }
    throw new IllegalArgumentException("unknown signal code " + code);
  }
}
