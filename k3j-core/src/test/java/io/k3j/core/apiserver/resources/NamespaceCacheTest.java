package io.k3j.core.apiserver.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.Reply;
import io.k3j.core.apiserver.Route;
import io.k3j.core.apiserver.gc.DeletionPolicy;
import io.k3j.core.apiserver.validation.BuiltinAdmission;
import io.k3j.core.datastore.Backend;
import io.k3j.core.datastore.KeyValue;
import io.k3j.core.datastore.ListResult;
import io.k3j.core.datastore.Watch;
import io.k3j.core.datastore.WatchListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Namespaced creates checked against the namespace cache, over a real SQLite datastore. */
class NamespaceCacheTest {
  private static final String NAMESPACES = "/registry/core/namespaces/";

  @TempDir Path dir;
  private final AtomicInteger namespaceReads = new AtomicInteger();
  private HandlerSite site;

  @BeforeEach
  void open() {
    site =
        new HandlerSite(
            new CountingBackend(HandlerSite.sqlite(dir)),
            new BuiltinAdmission(),
            new DeletionPolicy());
  }

  @AfterEach
  void close() {
    site.close();
  }

  private Reply.Full call(
      String method, String namespace, String plural, String name, String body) {
    return call(method, namespace, plural, name, null, body);
  }

  private Reply.Full call(
      String method,
      String namespace,
      String plural,
      String name,
      String subresource,
      String body) {
    return site.call(
        method,
        new Route.Resource("", "v1", namespace, plural, name, subresource),
        Map.of(),
        "application/json",
        body);
  }

  private void createNamespace(String name) {
    assertThat(call("POST", null, "namespaces", null, "{\"metadata\":{\"name\":\"" + name + "\"}}"))
        .extracting(Reply.Full::status)
        .isEqualTo(201);
  }

  private Reply.Full createConfigMap(String namespace, String name) {
    return call(
        "POST",
        namespace,
        "configmaps",
        null,
        "{\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"a\":\"b\"}}");
  }

  @Test
  @DisplayName("creates in a namespace the cache holds read no Namespace from the datastore")
  void answersFromMemory() {
    createNamespace("app");
    AtomicInteger next = new AtomicInteger();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              namespaceReads.set(0);
              createConfigMap("app", "warm-" + next.incrementAndGet());
              return namespaceReads.get() == 0;
            });
    namespaceReads.set(0);
    for (int i = 0; i < 20; i++) {
      assertThat(createConfigMap("app", "cm-" + i).status()).isEqualTo(201);
    }
    assertThat(namespaceReads.get()).isZero();
  }

  @Test
  @DisplayName("a namespace created, terminated or removed a moment ago answers 201, 403, 404")
  void answersAsTheDatastoreDoes() {
    createNamespace("warm");
    createConfigMap("warm", "first");
    for (int i = 0; i < 25; i++) {
      String namespace = "ns-" + i;
      createNamespace(namespace);
      assertThat(createConfigMap(namespace, "a").status()).isEqualTo(201);

      call("DELETE", null, "namespaces", namespace, null);
      assertThatThrownBy(() -> createConfigMap(namespace, "b"))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.code()).isEqualTo(403);
                assertThat(e.getMessage())
                    .contains("unable to create new content in namespace " + namespace);
              });

      call(
          "PUT",
          null,
          "namespaces",
          namespace,
          "finalize",
          "{\"metadata\":{\"name\":\"" + namespace + "\"},\"spec\":{\"finalizers\":[]}}");
      assertThatThrownBy(() -> createConfigMap(namespace, "c"))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.code()).isEqualTo(404);
                assertThat(e.getMessage()).contains("namespaces \"" + namespace + "\" not found");
              });
    }
  }

  /** The datastore, counting reads of Namespace keys. */
  private final class CountingBackend implements Backend {
    private final Backend delegate;

    CountingBackend(Backend delegate) {
      this.delegate = delegate;
    }

    @Override
    public long currentRevision() {
      return delegate.currentRevision();
    }

    @Override
    public long compactRevision() {
      return delegate.compactRevision();
    }

    @Override
    public Optional<KeyValue> get(String key, long revision) {
      if (key.startsWith(NAMESPACES)) {
        namespaceReads.incrementAndGet();
      }
      return delegate.get(key, revision);
    }

    @Override
    public ListResult list(String prefix, long revision, int limit, String continueToken) {
      return delegate.list(prefix, revision, limit, continueToken);
    }

    @Override
    public long count(String prefix) {
      return delegate.count(prefix);
    }

    @Override
    public CompletableFuture<KeyValue> create(String key, byte[] value, long ttlSeconds) {
      return delegate.create(key, value, ttlSeconds);
    }

    @Override
    public CompletableFuture<KeyValue> update(
        String key, byte[] value, long expectedRevision, long ttlSeconds) {
      return delegate.update(key, value, expectedRevision, ttlSeconds);
    }

    @Override
    public CompletableFuture<KeyValue> delete(String key, long expectedRevision) {
      return delegate.delete(key, expectedRevision);
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
      return delegate.watch(prefix, afterRevision, listener);
    }

    @Override
    public CompletableFuture<Void> compact(long revision) {
      return delegate.compact(revision);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
