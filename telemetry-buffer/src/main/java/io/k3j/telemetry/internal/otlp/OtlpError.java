package io.k3j.telemetry.internal.otlp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/**
 * The one error type of the receivers. It maps to an HTTP status plus a {@code google.rpc.Status}
 * body (OTLP spec, "Failures": error bodies MUST be google.rpc.Status) and to a gRPC status; a
 * retryable "buffer full" carries a retry delay (Retry-After header / RetryInfo detail).
 *
 * @param retryAfter zero when no delay is suggested
 */
public record OtlpError(int httpStatus, Code code, String message, Duration retryAfter) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public static OtlpError invalid(String message) {
    return new OtlpError(400, Code.INVALID_ARGUMENT, message, Duration.ZERO);
  }

  public static OtlpError tooLarge(long limit) {
    return new OtlpError(
        413,
        Code.RESOURCE_EXHAUSTED,
        "request is larger than " + limit + " bytes after decompression",
        Duration.ZERO);
  }

  /** Retryable: the disk budget is used up or the queue failed; the sender keeps its data. */
  public static OtlpError unavailable(String message, Duration retryAfter) {
    return new OtlpError(503, Code.UNAVAILABLE, message, retryAfter);
  }

  public static OtlpError notFound(String path) {
    return new OtlpError(404, Code.NOT_FOUND, "no such path: " + path, Duration.ZERO);
  }

  public static OtlpError methodNotAllowed(String method) {
    return new OtlpError(405, Code.UNIMPLEMENTED, method + " not allowed, use POST", Duration.ZERO);
  }

  public static OtlpError unsupportedMediaType(String what) {
    return new OtlpError(415, Code.INVALID_ARGUMENT, what, Duration.ZERO);
  }

  /** An unknown gRPC method, an unsupported message encoding or a wrong number of messages. */
  public static OtlpError unimplemented(String message) {
    return new OtlpError(501, Code.UNIMPLEMENTED, message, Duration.ZERO);
  }

  /** A gRPC framing error (gRPC status codes: a message the server cannot decompress or frame). */
  public static OtlpError internal(String message) {
    return new OtlpError(500, Code.INTERNAL, message, Duration.ZERO);
  }

  /**
   * The call's deadline ({@code grpc-timeout}) passed before the request was acknowledged. The
   * request may still be stored, so a retry can duplicate it, which OTLP allows.
   */
  public static OtlpError deadlineExceeded() {
    return new OtlpError(
        504,
        Code.DEADLINE_EXCEEDED,
        "the call's deadline (grpc-timeout) passed before the request was stored durably",
        Duration.ZERO);
  }

  /**
   * A gRPC request header that breaks the protocol's grammar: HTTP 400 with gRPC status INTERNAL,
   * as grpc-go's server answers a malformed {@code grpc-timeout}.
   */
  public static OtlpError malformedHeader(String message) {
    return new OtlpError(400, Code.INTERNAL, message, Duration.ZERO);
  }

  /**
   * The error an ingest future failed with: the {@link OtlpErrorException}'s, else a retryable
   * internal error (the sender keeps its data).
   */
  public static OtlpError of(Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    return cause instanceof OtlpErrorException otlp
        ? otlp.error()
        : unavailable("internal error: " + cause, Duration.ZERO);
  }

  public com.google.rpc.Status toRpcStatus() {
    com.google.rpc.Status.Builder status =
        com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message);
    if (!retryAfter.isZero()) {
      RetryInfo info =
          RetryInfo.newBuilder()
              .setRetryDelay(
                  com.google.protobuf.Duration.newBuilder().setSeconds(retryAfter.toSeconds()))
              .build();
      status.addDetails(Any.pack(info));
    }
    return status.build();
  }

  public byte[] toProtobuf() {
    return toRpcStatus().toByteArray();
  }

  /** The JSON form of google.rpc.Status (details are carried by the Retry-After header). */
  public byte[] toJson() {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("code", code.getNumber());
    node.put("message", message);
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }
}
