package io.k3j.crds.telemetry.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Receiver addresses as {@code HOST:PORT}; port 0 picks a free port (reported in status). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ListenSpec {
  /** OTLP/HTTP address, default {@code 0.0.0.0:4318}. */
  private String http;

  /** OTLP/gRPC address, default {@code 0.0.0.0:4317}. */
  private String grpc;

  public String getHttp() {
    return http;
  }

  public void setHttp(String http) {
    this.http = http;
  }

  public String getGrpc() {
    return grpc;
  }

  public void setGrpc(String grpc) {
    this.grpc = grpc;
  }
}
