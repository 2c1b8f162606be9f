package io.k3j.core.datastore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every datastore driver keeps. A driver's test extends this class and says how to
 * open a store in a directory.
 */
public abstract class BackendContract {

  /** What a contract test may tune; everything else is the driver's default. */
  public record Settings(
      ManualClock clock, Duration minHistory, long minHistoryRevisions, int watchBuffer) {}

  @TempDir protected Path dir;
  protected ManualClock clock;
  protected Backend store;

  protected abstract Backend open(Path dir, Settings settings);

  protected Settings settings() {
    return new Settings(clock, Duration.ofMinutes(10), 1_000, 10_000);
  }

  @BeforeEach
  void openStore() {
    clock = new ManualClock();
    store = open(dir, settings());
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  protected void reopen(Settings settings) {
    store.close();
    store = open(dir, settings);
  }

  protected static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  protected static String text(KeyValue kv) {
    return new String(kv.value(), UTF_8);
  }

  protected static Throwable failure(CompletableFuture<?> future) {
    try {
      future.join();
    } catch (CompletionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected the write to fail");
  }

  @Test
  @DisplayName("create assigns the next revision and get returns the value")
  void createAndGet() {
    long before = store.currentRevision();
    KeyValue kv = store.create("/a/1", bytes("one"), 0).join();

    assertThat(kv.modRevision()).isEqualTo(before + 1);
    assertThat(kv.createRevision()).isEqualTo(kv.modRevision());
    assertThat(store.currentRevision()).isEqualTo(kv.modRevision());
    assertThat(store.get("/a/1", 0)).hasValueSatisfying(v -> assertThat(text(v)).isEqualTo("one"));
    assertThat(store.get("/a/2", 0)).isEmpty();
  }

  @Test
  @DisplayName("create of an existing key fails with the current value and writes nothing")
  void createExisting() {
    KeyValue first = store.create("/a/1", bytes("one"), 0).join();

    Throwable error = failure(store.create("/a/1", bytes("two"), 0));

    assertThat(error).isInstanceOf(KeyExistsException.class);
    assertThat(((KeyExistsException) error).current().modRevision()).isEqualTo(first.modRevision());
    assertThat(store.currentRevision()).isEqualTo(first.modRevision());
    assertThat(text(store.get("/a/1", 0).orElseThrow())).isEqualTo("one");
  }

  @Test
  @DisplayName(
      "update with the expected revision succeeds; a stale one fails with the current value")
  void updateWithExpectedRevision() {
    KeyValue v1 = store.create("/a/1", bytes("one"), 0).join();
    KeyValue v2 = store.update("/a/1", bytes("two"), v1.modRevision(), 0).join();

    Throwable stale = failure(store.update("/a/1", bytes("three"), v1.modRevision(), 0));

    assertThat(v2.createRevision()).isEqualTo(v1.modRevision());
    assertThat(v2.modRevision()).isGreaterThan(v1.modRevision());
    assertThat(stale).isInstanceOf(ConflictException.class);
    KeyValue current = ((ConflictException) stale).current();
    assertThat(text(current)).isEqualTo("two");
    assertThat(current.modRevision()).isEqualTo(v2.modRevision());
    assertThat(store.currentRevision()).isEqualTo(v2.modRevision());
  }

  @Test
  @DisplayName("update and delete of a missing key fail with not found")
  void missingKey() {
    assertThat(failure(store.update("/a/none", bytes("x"), 0, 0)))
        .isInstanceOf(KeyNotFoundException.class);
    assertThat(failure(store.delete("/a/none", 0))).isInstanceOf(KeyNotFoundException.class);
    assertThat(store.currentRevision()).isZero();
  }

  @Test
  @DisplayName("delete checks the expected revision and returns the deleted value")
  void deleteWithExpectedRevision() {
    KeyValue v1 = store.create("/a/1", bytes("one"), 0).join();

    assertThat(failure(store.delete("/a/1", v1.modRevision() + 100)))
        .isInstanceOf(ConflictException.class);
    KeyValue deleted = store.delete("/a/1", v1.modRevision()).join();

    assertThat(text(deleted)).isEqualTo("one");
    assertThat(deleted.modRevision()).isEqualTo(v1.modRevision() + 1);
    assertThat(store.get("/a/1", 0)).isEmpty();
    assertThat(store.get("/a/1", v1.modRevision())).isPresent();
    KeyValue again = store.create("/a/1", bytes("reborn"), 0).join();
    assertThat(again.createRevision()).isEqualTo(again.modRevision());
  }

  @Test
  @DisplayName("every write gets a strictly higher revision; get reads any past revision")
  void revisionsAndHistory() {
    List<Long> revisions = new ArrayList<>();
    revisions.add(store.create("/h/k", bytes("v0"), 0).join().modRevision());
    for (int i = 1; i <= 5; i++) {
      revisions.add(store.update("/h/k", bytes("v" + i), 0, 0).join().modRevision());
    }

    assertThat(revisions).isSorted().doesNotHaveDuplicates();
    for (int i = 0; i < revisions.size(); i++) {
      assertThat(text(store.get("/h/k", revisions.get(i)).orElseThrow())).isEqualTo("v" + i);
    }
    assertThatThrownBy(() -> store.get("/h/k", store.currentRevision() + 1))
        .isInstanceOf(FutureRevisionException.class);
  }

  @Test
  @DisplayName("list pages by prefix in key order, and later pages read the first page's revision")
  void listPagesAreOneSnapshot() {
    for (int i = 0; i < 10; i++) {
      store.create("/pods/ns/p" + i, bytes("v" + i), 0).join();
    }
    store.create("/podsx/other", bytes("x"), 0).join();

    ListResult first = store.list("/pods/", 0, 4, null);
    store.delete("/pods/ns/p5", 0).join();
    store.create("/pods/ns/p99", bytes("new"), 0).join();
    store.update("/pods/ns/p6", bytes("changed"), 0, 0).join();
    ListResult second = store.list("/pods/", 0, 4, first.continueToken());
    ListResult third = store.list("/pods/", 0, 4, second.continueToken());

    assertThat(first.items())
        .extracting(KeyValue::key)
        .containsExactly("/pods/ns/p0", "/pods/ns/p1", "/pods/ns/p2", "/pods/ns/p3");
    assertThat(first.remaining()).isEqualTo(6);
    assertThat(second.revision()).isEqualTo(first.revision());
    assertThat(second.items())
        .extracting(KeyValue::key)
        .containsExactly("/pods/ns/p4", "/pods/ns/p5", "/pods/ns/p6", "/pods/ns/p7");
    assertThat(text(second.items().get(2))).isEqualTo("v6");
    assertThat(second.remaining()).isEqualTo(2);
    assertThat(third.items())
        .extracting(KeyValue::key)
        .containsExactly("/pods/ns/p8", "/pods/ns/p9");
    assertThat(third.continueToken()).isNull();
    assertThat(store.list("/pods/", 0, 0, null).items()).hasSize(10);
    assertThat(store.count("/pods/")).isEqualTo(10);
    assertThat(store.count("/")).isEqualTo(11);
  }

  @Test
  @DisplayName("list at an explicit past revision returns the state at that revision")
  void listAtRevision() {
    store.create("/l/a", bytes("a"), 0).join();
    long r = store.create("/l/b", bytes("b"), 0).join().modRevision();
    store.delete("/l/a", 0).join();
    store.create("/l/c", bytes("c"), 0).join();

    ListResult then = store.list("/l/", r, 0, null);
    ListResult now = store.list("/l/", 0, 0, null);

    assertThat(then.revision()).isEqualTo(r);
    assertThat(then.items()).extracting(KeyValue::key).containsExactly("/l/a", "/l/b");
    assertThat(now.items()).extracting(KeyValue::key).containsExactly("/l/b", "/l/c");
    assertThat(now.revision()).isEqualTo(store.currentRevision());
  }

  @Test
  @DisplayName("a continue token that was not issued by the store is refused")
  void badContinueToken() {
    assertThatThrownBy(() -> store.list("/a/", 0, 1, "%%%"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("continue token");
    assertThatThrownBy(() -> store.list("/a/", 0, 1, "AAAA"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName(
      "a watch from revision N replays every change after N once, in order, then goes live")
  void watchReplaysThenStreams() {
    KeyValue a = store.create("/w/a", bytes("1"), 0).join();
    store.update("/w/a", bytes("2"), 0, 0).join();
    store.create("/other/x", bytes("x"), 0).join();
    store.delete("/w/a", 0).join();
    RecordingListener listener = new RecordingListener();

    try (Watch ignored = store.watch("/w/", a.modRevision(), listener)) {
      store.create("/w/b", bytes("b"), 0).join();

      await().atMost(Duration.ofSeconds(5)).until(() -> listener.events().size() == 3);
      List<Event> events = listener.events();
      assertThat(events)
          .extracting(Event::type)
          .containsExactly(Event.Type.UPDATE, Event.Type.DELETE, Event.Type.CREATE);
      assertThat(text(events.get(0).kv())).isEqualTo("2");
      assertThat(text(events.get(0).prevKv())).isEqualTo("1");
      assertThat(text(events.get(1).kv())).isEqualTo("2");
      assertThat(events.get(1).prevKv().modRevision()).isEqualTo(events.get(0).revision());
      assertThat(events.get(2).prevKv()).isNull();
      assertThat(listener.revisions()).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  @DisplayName("with 16 concurrent writers a watch sees every revision exactly once, in order")
  void watchOrderUnderConcurrentWriters() throws Exception {
    long start = store.currentRevision();
    RecordingListener listener = new RecordingListener();
    int writers = 16;
    int perWriter = 200;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try (Watch ignored = store.watch("/c/", start, listener)) {
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(
            CompletableFuture.runAsync(
                () -> {
                  awaitLatch(go);
                  String key = "/c/" + writer;
                  store.create(key, bytes("0"), 0).join();
                  for (int i = 1; i < perWriter; i++) {
                    store.update(key, bytes(Integer.toString(i)), 0, 0).join();
                  }
                },
                pool));
      }
      go.countDown();
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      long end = store.currentRevision();

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> listener.events().size() >= writers * perWriter);
      assertThat(end - start).isEqualTo((long) writers * perWriter);
      assertThat(listener.revisions())
          .containsExactlyElementsOf(
              IntStream.rangeClosed(1, writers * perWriter).mapToObj(i -> start + i).toList());
      for (Event event : listener.events()) {
        if (event.type() == Event.Type.UPDATE) {
          int value = Integer.parseInt(text(event.kv()));
          assertThat(Integer.parseInt(text(event.prevKv()))).isEqualTo(value - 1);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("a watch from the current revision or later sees only new changes")
  void watchFromNow() {
    store.create("/n/old", bytes("old"), 0).join();
    RecordingListener fromZero = new RecordingListener();
    RecordingListener fromFuture = new RecordingListener();
    long future = store.currentRevision() + 2;

    try (Watch a = store.watch("/n/", 0, fromZero);
        Watch b = store.watch("/n/", future, fromFuture)) {
      store.create("/n/1", bytes("1"), 0).join();
      store.create("/n/2", bytes("2"), 0).join();
      store.create("/n/3", bytes("3"), 0).join();

      await().atMost(Duration.ofSeconds(5)).until(() -> fromZero.events().size() == 3);
      await().atMost(Duration.ofSeconds(5)).until(() -> fromFuture.events().size() == 1);
      assertThat(fromFuture.events().get(0).kv().key()).isEqualTo("/n/3");
    }
  }

  @Test
  @DisplayName("after compaction, reads and watches below the compact revision fail with Compacted")
  void compaction() {
    store.create("/k/a", bytes("1"), 0).join();
    long old = store.update("/k/a", bytes("2"), 0, 0).join().modRevision();
    store.create("/k/gone", bytes("g"), 0).join();
    store.delete("/k/gone", 0).join();
    long target = store.update("/k/a", bytes("3"), 0, 0).join().modRevision();
    store.create("/k/b", bytes("b"), 0).join();

    store.compact(target).join();

    assertThat(store.compactRevision()).isEqualTo(target);
    assertThatThrownBy(() -> store.get("/k/a", old))
        .isInstanceOfSatisfying(
            CompactedException.class, e -> assertThat(e.compactRevision()).isEqualTo(target));
    assertThatThrownBy(() -> store.list("/k/", old, 0, null))
        .isInstanceOf(CompactedException.class);
    assertThatThrownBy(() -> store.watch("/k/", old, new RecordingListener()))
        .isInstanceOfSatisfying(
            CompactedException.class, e -> assertThat(e.compactRevision()).isEqualTo(target));
    assertThat(text(store.get("/k/a", target).orElseThrow())).isEqualTo("3");
    assertThat(store.list("/k/", target, 0, null).items())
        .extracting(KeyValue::key)
        .containsExactly("/k/a");
    RecordingListener listener = new RecordingListener();
    try (Watch ignored = store.watch("/k/", target, listener)) {
      await().atMost(Duration.ofSeconds(5)).until(() -> listener.events().size() == 1);
      assertThat(listener.events().get(0).kv().key()).isEqualTo("/k/b");
    }
  }

  @Test
  @DisplayName("a key with a TTL is deleted when it expires, with a DELETE event")
  void ttlExpiry() {
    RecordingListener listener = new RecordingListener();
    store.create("/leases/a", bytes("a"), 30).join();
    store.create("/leases/keep", bytes("k"), 0).join();
    KeyValue renewed = store.create("/leases/b", bytes("b"), 30).join();
    try (Watch ignored = store.watch("/leases/", store.currentRevision(), listener)) {
      clock.advance(Duration.ofSeconds(20));
      store.update("/leases/b", bytes("b2"), renewed.modRevision(), 30).join();
      clock.advance(Duration.ofSeconds(11));

      await().atMost(Duration.ofSeconds(5)).until(() -> store.get("/leases/a", 0).isEmpty());
      assertThat(store.get("/leases/b", 0)).isPresent();
      assertThat(store.get("/leases/keep", 0)).isPresent();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> listener.events().stream().anyMatch(e -> e.type() == Event.Type.DELETE));

      clock.advance(Duration.ofSeconds(30));
      await().atMost(Duration.ofSeconds(5)).until(() -> store.get("/leases/b", 0).isEmpty());
    }
  }

  @Test
  @DisplayName("a TTL survives a restart")
  void ttlAfterReopen() {
    store.create("/leases/a", bytes("a"), 10).join();
    reopen(settings());

    clock.advance(Duration.ofSeconds(11));

    await().atMost(Duration.ofSeconds(5)).until(() -> store.get("/leases/a", 0).isEmpty());
  }

  @Test
  @DisplayName("after reopening, every key, the revision and the compact revision are as they were")
  void reopen() {
    for (int i = 0; i < 50; i++) {
      store.create("/r/" + i, bytes("v" + i), 0).join();
    }
    store.delete("/r/7", 0).join();
    long compactTo = store.update("/r/8", bytes("new"), 0, 0).join().modRevision() - 1;
    store.compact(compactTo).join();
    long revision = store.currentRevision();

    reopen(settings());

    assertThat(store.currentRevision()).isEqualTo(revision);
    assertThat(store.compactRevision()).isEqualTo(compactTo);
    assertThat(store.count("/r/")).isEqualTo(49);
    assertThat(text(store.get("/r/8", 0).orElseThrow())).isEqualTo("new");
    assertThat(store.create("/r/next", bytes("n"), 0).join().modRevision()).isEqualTo(revision + 1);
  }

  @Test
  @DisplayName("a watcher that cannot keep up is closed with a reason; writers never wait for it")
  void slowWatcherIsClosed() throws Exception {
    reopen(new Settings(clock, Duration.ofMinutes(10), 1_000, 50));
    CountDownLatch release = new CountDownLatch(1);
    RecordingListener blocked =
        new RecordingListener() {
          @Override
          public void onEvents(List<Event> batch) {
            awaitLatch(release);
            super.onEvents(batch);
          }
        };
    RecordingListener healthy = new RecordingListener();
    try (Watch slow = store.watch("/s/", 0, blocked);
        Watch fast = store.watch("/s/", 0, healthy)) {
      for (int i = 0; i < 500; i++) {
        store.create("/s/" + i, bytes("x"), 0).get(5, TimeUnit.SECONDS);
      }
      release.countDown();

      await().atMost(Duration.ofSeconds(5)).until(() -> blocked.closedWith() != null);
      assertThat(blocked.closedWith()).isInstanceOf(WatcherTooSlowException.class);
      await().atMost(Duration.ofSeconds(5)).until(() -> healthy.events().size() == 500);
      assertThat(healthy.closedWith()).isNull();
    }
  }

  @Test
  @DisplayName("closing the store fails pending watches with DatastoreClosed and refuses writes")
  void closeEndsWatches() {
    RecordingListener listener = new RecordingListener();
    store.watch("/", 0, listener);
    store.close();

    await().atMost(Duration.ofSeconds(5)).until(() -> listener.closedWith() != null);
    assertThat(listener.closedWith()).isInstanceOf(DatastoreClosedException.class);
    assertThat(failure(store.create("/x", bytes("x"), 0)))
        .isInstanceOf(DatastoreClosedException.class);
    store = open(dir, settings());
  }

  protected static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
