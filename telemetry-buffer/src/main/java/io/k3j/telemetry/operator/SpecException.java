package io.k3j.telemetry.operator;

/** A TelemetryBuffer spec that cannot run as it is, with a reason a person can search for. */
final class SpecException extends RuntimeException {
  private final String reason;

  SpecException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  String reason() {
    return reason;
  }
}
