package io.k3j.core.apiserver.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.ApiRequest;
import io.k3j.core.apiserver.Reply;
import io.k3j.core.apiserver.Status;
import io.k3j.core.datastore.CompactedException;
import io.k3j.core.datastore.DatastoreException;
import io.k3j.core.datastore.Event;
import io.k3j.core.datastore.KeyValue;
import io.k3j.core.datastore.ListResult;
import io.k3j.core.datastore.Watch;
import io.k3j.core.datastore.WatchListener;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * One {@code ?watch=true} stream: initial ADDED events when no resourceVersion is given, then every
 * change after it, BOOKMARKs once a minute when asked for, and an ERROR 410 when the requested
 * history is gone.
 */
final class WatchSession implements Reply.WatchOpener {
  private static final long BOOKMARK_EVERY_MILLIS = 60_000;

  private final ObjectStore store;
  private final ResourceType type;
  private final String prefix;
  private final Predicate<JsonNode> filter;
  private final ApiRequest request;
  private final AtomicLong lastRevision = new AtomicLong();

  WatchSession(
      ObjectStore store,
      ResourceType type,
      String namespace,
      Predicate<JsonNode> filter,
      ApiRequest request) {
    this.store = store;
    this.type = type;
    this.prefix = type.keyPrefix(type.namespaced() ? namespace : null);
    this.filter = filter;
    this.request = request;
  }

  /**
   * Refuses parameter combinations upstream refuses, before the stream starts: a streaming list
   * ({@code sendInitialEvents=true}) needs {@code resourceVersionMatch=NotOlderThan} and bookmarks.
   */
  static void validate(ApiRequest request, ResourceType type) {
    String resourceVersion = request.param("resourceVersion");
    if (resourceVersion != null && !resourceVersion.isEmpty()) {
      ObjectStore.parseVersion(resourceVersion);
    }
    String match = request.param("resourceVersionMatch");
    if (!"true".equals(request.param("sendInitialEvents"))) {
      if (match != null && !match.isEmpty()) {
        throw ApiException.invalid(
            type.kind(),
            "",
            List.of(
                new ApiException.Cause(
                    "FieldValueForbidden",
                    "Forbidden: resourceVersionMatch is forbidden for watch unless"
                        + " sendInitialEvents is provided",
                    "resourceVersionMatch")));
      }
      return;
    }
    if (!"NotOlderThan".equals(match)) {
      throw ApiException.invalid(
          type.kind(),
          "",
          List.of(
              new ApiException.Cause(
                  "FieldValueForbidden",
                  "Forbidden: sendInitialEvents requires setting resourceVersionMatch to"
                      + " NotOlderThan",
                  "resourceVersionMatch")));
    }
    if (!request.flag("allowWatchBookmarks")) {
      throw ApiException.invalid(
          type.kind(),
          "",
          List.of(
              new ApiException.Cause(
                  "FieldValueRequired",
                  "Required value: sendInitialEvents requires allowWatchBookmarks=true",
                  "allowWatchBookmarks")));
    }
  }

  @Override
  public AutoCloseable open(Reply.EventSink sink) {
    String resourceVersion = request.param("resourceVersion");
    boolean unversioned =
        resourceVersion == null || resourceVersion.isEmpty() || resourceVersion.equals("0");
    String sendInitialEvents = request.param("sendInitialEvents");
    long from;
    if ("true".equals(sendInitialEvents)) {
      from = sendInitialState(sink);
      sink.send(event("BOOKMARK", bookmark(from, true)));
    } else if (unversioned && sendInitialEvents == null) {
      from = sendInitialState(sink);
    } else if (unversioned) {
      from = store.backend().currentRevision();
    } else {
      from = ObjectStore.parseVersion(resourceVersion);
    }
    lastRevision.set(from);
    Watch watch;
    try {
      watch = store.backend().watch(prefix, from, new Listener(sink));
    } catch (CompactedException e) {
      sendGone(sink, e);
      return () -> {};
    }
    sink.schedule(
        timeoutMillis(),
        () -> {
          watch.close();
          sink.end();
        });
    if (request.flag("allowWatchBookmarks")) {
      scheduleBookmark(sink);
    }
    return watch::close;
  }

  private long sendInitialState(Reply.EventSink sink) {
    ListResult page = store.backend().list(prefix, 0, 0, null);
    for (KeyValue kv : page.items()) {
      ObjectNode object = ObjectStore.decode(type, kv);
      if (filter.test(object)) {
        sink.send(event("ADDED", object));
      }
    }
    return page.revision();
  }

  private void scheduleBookmark(Reply.EventSink sink) {
    sink.schedule(
        BOOKMARK_EVERY_MILLIS,
        () -> {
          sink.send(event("BOOKMARK", bookmark(lastRevision.get(), false)));
          scheduleBookmark(sink);
        });
  }

  /** An object carrying only kind, apiVersion and the resourceVersion a client resumes from. */
  private ObjectNode bookmark(long revision, boolean initialEventsEnd) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.put("kind", type.kind()).put("apiVersion", type.apiVersion());
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("resourceVersion", Long.toString(revision));
    if (initialEventsEnd) {
      metadata.putObject("annotations").put("k8s.io/initial-events-end", "true");
    }
    return object;
  }

  private long timeoutMillis() {
    String timeout = request.param("timeoutSeconds");
    if (timeout != null && !timeout.isEmpty()) {
      try {
        return Math.max(1, Long.parseLong(timeout)) * 1_000;
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("invalid timeoutSeconds \"" + timeout + "\"");
      }
    }
    // As kube-apiserver: a random time between the minimum request timeout and twice that.
    return ThreadLocalRandom.current().nextLong(1_800_000, 3_600_000);
  }

  private static void sendGone(Reply.EventSink sink, CompactedException e) {
    sink.send(
        event(
            "ERROR", Status.of(ApiException.gone("too old resource version: " + e.getMessage()))));
    sink.end();
  }

  static ObjectNode event(String type, JsonNode object) {
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("type", type);
    event.set("object", object);
    return event;
  }

  private final class Listener implements WatchListener {
    private final Reply.EventSink sink;

    Listener(Reply.EventSink sink) {
      this.sink = sink;
    }

    @Override
    public void onEvents(List<Event> events) {
      for (Event event : events) {
        ObjectNode object = ObjectStore.decode(type, event.kv());
        String kind = kindOf(event, object);
        if (kind != null) {
          sink.send(event(kind, object));
        }
        lastRevision.set(event.revision());
      }
    }

    /**
     * The watch event type, or null when neither version matches the selectors; {@code object} is
     * the event's object, decoded once for the selectors and the event.
     */
    private String kindOf(Event event, ObjectNode object) {
      boolean now = filter.test(object);
      boolean before =
          event.prevKv() != null && filter.test(ObjectStore.decode(type, event.prevKv()));
      switch (event.type()) {
        case CREATE:
          return now ? "ADDED" : null;
        case DELETE:
          return now ? "DELETED" : null;
        default:
          if (now) {
            return before ? "MODIFIED" : "ADDED";
          }
          return before ? "DELETED" : null;
      }
    }

    @Override
    public void onClose(DatastoreException reason) {
      if (reason instanceof CompactedException) {
        sendGone(sink, (CompactedException) reason);
      } else {
        sink.end();
      }
    }
  }
}
