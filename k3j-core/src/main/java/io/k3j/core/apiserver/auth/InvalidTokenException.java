package io.k3j.core.apiserver.auth;

/** A bearer token that does not authenticate anyone; the message says why (for TokenReview). */
final class InvalidTokenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InvalidTokenException(String message) {
    super(message);
  }
}
