package io.k3j.core.apiserver.openapi;

import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.Reply;
import java.util.Map;

/**
 * What {@link OpenApiHandler} answers: a {@link Reply.Full} plus the caching headers upstream sends
 * with OpenAPI documents ({@code ETag}, and for hashed URLs {@code Cache-Control: public,
 * immutable}, {@code Expires}, {@code Vary}).
 */
public record OpenApiReply(
    int status, String contentType, byte[] body, Map<String, String> headers) {

  public OpenApiReply {
    headers = Map.copyOf(headers);
  }

  static OpenApiReply error(ApiException e) {
    Reply.Full error = Reply.error(e);
    return new OpenApiReply(error.status(), error.contentType(), error.body(), Map.of());
  }

  public Reply.Full toReply() {
    return new Reply.Full(status, contentType, body, headers);
  }
}
