package io.k3j.telemetry.internal.grpc;

import java.util.Locale;

/**
 * The request content types of a gRPC call with protobuf messages (gRPC PROTOCOL-HTTP2.md,
 * "Content-Type": {@code application/grpc}, optionally {@code +proto}, parameters allowed).
 */
final class GrpcContentType {
  private GrpcContentType() {}

  static boolean isProtobuf(CharSequence contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.toString();
    int parameters = type.indexOf(';');
    if (parameters >= 0) {
      type = type.substring(0, parameters);
    }
    type = type.trim().toLowerCase(Locale.ROOT);
    return type.equals("application/grpc") || type.equals("application/grpc+proto");
  }
}
