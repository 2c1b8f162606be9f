package io.k3j.telemetry.internal.http;

import java.util.Locale;

/**
 * Request and response encodings of OTLP/HTTP. {@code application/protobuf} is accepted beside the
 * spec's {@code application/x-protobuf} because real clients send it; parameters such as {@code
 * charset} are ignored.
 */
enum BodyFormat {
  PROTOBUF("application/x-protobuf"),
  JSON("application/json");

  static final String SUPPORTED = "application/x-protobuf, application/protobuf, application/json";
  private final String contentType;

  BodyFormat(String contentType) {
    this.contentType = contentType;
  }

  String contentType() {
    return contentType;
  }

  /** The format for a Content-Type header value, or {@code null} if unsupported. */
  static BodyFormat of(String contentTypeHeader) {
    if (contentTypeHeader == null) {
      return null;
    }
    int semicolon = contentTypeHeader.indexOf(';');
    String mime =
        (semicolon < 0 ? contentTypeHeader : contentTypeHeader.substring(0, semicolon))
            .trim()
            .toLowerCase(Locale.ROOT);
    return switch (mime) {
      case "application/x-protobuf", "application/protobuf" -> PROTOBUF;
      case "application/json" -> JSON;
      default -> null;
    };
  }

  /** The encoding for error bodies: JSON for JSON requests, protobuf otherwise. */
  static BodyFormat forErrors(String contentTypeHeader) {
    return of(contentTypeHeader) == JSON ? JSON : PROTOBUF;
  }
}
