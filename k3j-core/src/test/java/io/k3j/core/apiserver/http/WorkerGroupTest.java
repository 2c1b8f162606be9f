package io.k3j.core.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WorkerGroupTest {
  private WorkerGroup group;

  @AfterEach
  void close() {
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  @DisplayName("requests one after another all run on one thread")
  void sequentialRequestsShareOneThread() {
    group = new WorkerGroup(8);
    for (int i = 0; i < 50; i++) {
      runAndWaitIdle(() -> {});
    }
    assertThat(group.startedThreads()).isEqualTo(1);
  }

  @Test
  @DisplayName("threads start as requests in flight grow, and are reused once idle")
  void threadsFollowRequestsInFlight() {
    group = new WorkerGroup(8);
    CountDownLatch release = new CountDownLatch(1);
    List<Future<?>> blocked = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      blocked.add(group.next().submit(() -> awaitQuietly(release)));
      int inFlight = i;
      await().atMost(Duration.ofSeconds(30)).until(() -> group.busyExecutors() == inFlight);
    }
    assertThat(group.startedThreads()).isEqualTo(3);

    release.countDown();
    blocked.forEach(Future::syncUninterruptibly);
    for (int i = 0; i < 20; i++) {
      runAndWaitIdle(() -> {});
    }
    assertThat(group.startedThreads()).isEqualTo(3);
  }

  @Test
  @DisplayName("with every executor busy, a new request still gets one and runs when it frees")
  void saturatedGroupStillAcceptsWork() {
    group = new WorkerGroup(2);
    CountDownLatch release = new CountDownLatch(1);
    Future<?> first = group.next().submit(() -> awaitQuietly(release));
    await().atMost(Duration.ofSeconds(30)).until(() -> group.busyExecutors() == 1);
    Future<?> second = group.next().submit(() -> awaitQuietly(release));
    await().atMost(Duration.ofSeconds(30)).until(() -> group.busyExecutors() == 2);

    Future<String> third = group.next().submit(() -> "ran");
    assertThat(third.isDone()).isFalse();
    release.countDown();
    assertThat(third.syncUninterruptibly().getNow()).isEqualTo("ran");
    first.syncUninterruptibly();
    second.syncUninterruptibly();
    assertThat(group.startedThreads()).isEqualTo(2);
  }

  private void runAndWaitIdle(Runnable task) {
    group.next().submit(task).syncUninterruptibly();
    await().atMost(Duration.ofSeconds(30)).until(() -> group.busyExecutors() == 0);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
