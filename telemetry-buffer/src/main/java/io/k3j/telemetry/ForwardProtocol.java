package io.k3j.telemetry;

/**
 * How a destination is spoken to, named like {@code OTEL_EXPORTER_OTLP_PROTOCOL}: OTLP/HTTP with
 * binary protobuf bodies (the stored bytes as they are), OTLP/HTTP with JSON bodies (converted from
 * the stored protobuf per request), or OTLP/gRPC (the stored bytes as they are).
 */
public enum ForwardProtocol {
  HTTP_PROTOBUF("http/protobuf"),
  HTTP_JSON("http/json"),
  GRPC("grpc");

  private final String configName;

  ForwardProtocol(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public static ForwardProtocol parse(String text) {
    for (ForwardProtocol protocol : values()) {
      if (protocol.configName.equals(text)) {
        return protocol;
      }
    }
    throw new IllegalArgumentException(
        "expected http/protobuf, http/json or grpc, got '" + text + "'");
  }
}
