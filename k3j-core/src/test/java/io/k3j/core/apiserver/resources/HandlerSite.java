package io.k3j.core.apiserver.resources;

import io.k3j.core.apiserver.ApiRequest;
import io.k3j.core.apiserver.Reply;
import io.k3j.core.apiserver.Route;
import io.k3j.core.datastore.Backend;
import io.k3j.core.datastore.Datastores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The resource handler over a real datastore, for tests of what it answers: requests go to it as
 * the HTTP layer hands them over, made by an admin (system:masters), JSON in and out. Closing it
 * closes the datastore.
 */
public final class HandlerSite implements AutoCloseable {
  private final Backend backend;
  private final ObjectStore store;
  private final ResourceHandler handler;

  /** The handler over {@code backend}, whose writes pass {@code policies} in this order. */
  public HandlerSite(Backend backend, ObjectStore.WritePolicy... policies) {
    this.backend = backend;
    this.store = new ObjectStore(backend, Clock.systemUTC());
    for (ObjectStore.WritePolicy policy : policies) {
      store.addPolicy(policy);
    }
    this.handler = new ResourceHandler(store, new ResourceRegistry());
  }

  /** A SQLite datastore in {@code dir}. */
  public static Backend sqlite(Path dir) {
    return Datastores.open(
        "sqlite://" + dir.resolve("state.db").toAbsolutePath(), new SimpleMeterRegistry());
  }

  public ObjectStore store() {
    return store;
  }

  /**
   * {@code method} on {@code route} with {@code body} (none when null) of {@code contentType}; an
   * {@link io.k3j.core.apiserver.ApiException} is thrown as the handler throws it.
   */
  public Reply.Full call(
      String method,
      Route.Resource route,
      Map<String, List<String>> params,
      String contentType,
      String body) {
    ApiRequest request =
        new ApiRequest(
            method,
            route,
            params,
            contentType,
            "application/json",
            body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
            new ApiRequest.User("admin", List.of("system:masters")),
            Map.of());
    return (Reply.Full) handler.handle(request, route);
  }

  @Override
  public void close() {
    backend.close();
  }
}
