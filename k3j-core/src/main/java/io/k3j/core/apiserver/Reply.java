package io.k3j.core.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.resources.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: a whole response, or a stream of watch events. */
public sealed interface Reply {

  /** A complete response; {@code headers} are extra response headers such as ETag or Warning. */
  record Full(int status, String contentType, byte[] body, Map<String, String> headers)
      implements Reply {
    public Full(int status, String contentType, byte[] body) {
      this(status, contentType, body, Map.of());
    }

    public Full withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Full(status, contentType, body, Map.copyOf(more));
    }
  }

  /** A watch: the transport calls {@code open} once the response headers are out. */
  record Stream(String contentType, WatchOpener opener) implements Reply {
    public Stream(WatchOpener opener) {
      this("application/json", opener);
    }
  }

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
