package io.k3j.telemetry.internal.otlp;

/** The request body is not a valid OTLP export request; answered with 400 / INVALID_ARGUMENT. */
public final class InvalidOtlpException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidOtlpException(String message, Throwable cause) {
    super(message, cause);
  }
}
