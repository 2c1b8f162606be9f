package io.k3j.telemetry.internal.otlp;

/** Carries an {@link OtlpError} through futures to the receiver that answers the sender. */
public final class OtlpErrorException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient OtlpError error;

  public OtlpErrorException(OtlpError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  public OtlpError error() {
    return error;
  }
}
