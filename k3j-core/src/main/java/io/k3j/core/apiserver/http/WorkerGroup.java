package io.k3j.core.apiserver.http;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorChooserFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.MultithreadEventExecutorGroup;
import io.netty.util.concurrent.RejectedExecutionHandlers;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.netty.util.concurrent.ThreadPerTaskExecutor;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API's blocking-work executors (handlers wait on datastore commits): up to {@code max}
 * single-thread executors whose threads start only when the concurrent requests need them.
 *
 * <p>Netty starts an executor's thread at its first task, and its default chooser hands each new
 * request the next executor in turn, so a few dozen requests from one client start every thread.
 * This group hands a new request the first executor that is neither running a task nor has one
 * queued, so the threads started follow the peak number of requests in flight (a handful on an idle
 * node, one per writer under load, up to {@code max} so that many writers still share each group
 * commit). When every executor is busy, requests are spread round robin as before. Each request is
 * one task ({@link ApiChannelHandler}).
 */
final class WorkerGroup extends MultithreadEventExecutorGroup {
  WorkerGroup(int max) {
    super(
        max, new ThreadPerTaskExecutor(new DefaultThreadFactory("k3j-api-worker")), FirstIdle::new);
  }

  @Override
  protected EventExecutor newChild(Executor executor, Object... args) {
    return new Worker(this, executor);
  }

  /** Executors whose thread has started. */
  int startedThreads() {
    int started = 0;
    for (EventExecutor executor : this) {
      started += ((Worker) executor).started ? 1 : 0;
    }
    return started;
  }

  /** Executors running a task or with one queued. */
  int busyExecutors() {
    int busy = 0;
    for (EventExecutor executor : this) {
      busy += ((Worker) executor).idle() ? 0 : 1;
    }
    return busy;
  }

  /** A single-thread executor that says whether it is running a task right now. */
  private static final class Worker extends SingleThreadEventExecutor {
    private volatile boolean busy;
    private volatile boolean started;

    Worker(EventExecutorGroup parent, Executor executor) {
      super(parent, executor, true, Integer.MAX_VALUE, RejectedExecutionHandlers.reject());
    }

    boolean idle() {
      return !busy && pendingTasks() == 0;
    }

    @Override
    protected void run() {
      started = true;
      while (true) {
        Runnable task = takeTask();
        if (task != null) {
          busy = true;
          try {
            runTask(task);
          } finally {
            busy = false;
          }
          updateLastExecutionTime();
        }
        if (confirmShutdown()) {
          break;
        }
      }
    }
  }

  /** The first idle executor in a fixed order; round robin when none is idle. */
  private static final class FirstIdle implements EventExecutorChooserFactory.EventExecutorChooser {
    private final EventExecutor[] executors;
    private final AtomicInteger next = new AtomicInteger();

    FirstIdle(EventExecutor[] executors) {
      this.executors = executors;
    }

    @Override
    public EventExecutor next() {
      for (EventExecutor executor : executors) {
        if (((Worker) executor).idle()) {
          return executor;
        }
      }
      return executors[Math.floorMod(next.getAndIncrement(), executors.length)];
    }
  }
}
