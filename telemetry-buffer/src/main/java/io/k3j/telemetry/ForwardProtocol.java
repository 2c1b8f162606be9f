package io.k3j.telemetry;

/**
 * How a destination is spoken to, named like {@code OTEL_EXPORTER_OTLP_PROTOCOL}: OTLP/HTTP with
 * binary protobuf bodies, or OTLP/gRPC. Both send the stored protobuf bytes without re-encoding.
 */
public enum ForwardProtocol {
  HTTP_PROTOBUF("http/protobuf"),
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
    throw new IllegalArgumentException("expected http/protobuf or grpc, got '" + text + "'");
  }
}
