package io.k3j.core.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.resources.Json;

/** What a handler answers: a whole response, or a stream of watch events. */
public sealed interface Reply {

  record Full(int status, String contentType, byte[] body) implements Reply {}

  /** A watch: the transport calls {@code open} once the response headers are out. */
  record Stream(WatchOpener opener) implements Reply {}

  /** Starts sending events to a sink; closing the result stops it. */
  interface WatchOpener {
    AutoCloseable open(EventSink sink);
  }

  /** Where a watch writes: one JSON document per event, then the end. */
  interface EventSink {
    void send(JsonNode event);

    void end();

    /** Runs {@code task} after {@code millis} unless the stream has ended. */
    void schedule(long millis, Runnable task);
  }

  static Full json(int status, JsonNode body) {
    return new Full(status, "application/json", Json.bytes(body));
  }

  static Full error(ApiException e) {
    return json(e.code(), Status.of(e));
  }
}
