package io.k3j.telemetry.internal.queue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes appended records durable with as few fsyncs as possible: one thread syncs every file
 * written since its last round and then releases every waiter whose index that round covered, so
 * requests arriving during a sync share the next one. On Linux, fsync of a file also writes back
 * pages dirtied through a shared memory mapping, which is how Chronicle writes.
 */
final class GroupCommit implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

  /** A cycle file and its payload file, and the next cycle's pair while a roll is under way. */
  private static final int MAX_OPEN_CHANNELS = 4;

  private final Object lock = new Object();
  private final Set<Path> dirtyFiles = new LinkedHashSet<>();
  private final TreeMap<Long, List<CompletableFuture<Void>>> waiters = new TreeMap<>();
  private final Map<Path, FileChannel> channels = new HashMap<>();
  private final Thread thread;
  private long written = -1;
  private long synced = -1;
  private long syncRounds;
  private boolean closed;

  GroupCommit() {
    thread = new Thread(this::run, "telemetry-queue-sync");
    thread.setDaemon(true);
    thread.start();
  }

  void written(Path file, long index) {
    synchronized (lock) {
      dirtyFiles.add(file);
      written = Math.max(written, index);
    }
  }

  CompletableFuture<Void> whenSynced(long index) {
    synchronized (lock) {
      if (index <= synced) {
        return CompletableFuture.completedFuture(null);
      }
      if (closed) {
        return CompletableFuture.failedFuture(new IOException("queue is closed"));
      }
      CompletableFuture<Void> future = new CompletableFuture<>();
      waiters.computeIfAbsent(index, i -> new ArrayList<>(1)).add(future);
      lock.notifyAll();
      return future;
    }
  }

  long syncRounds() {
    synchronized (lock) {
      return syncRounds;
    }
  }

  private void run() {
    while (true) {
      long target;
      List<Path> files;
      synchronized (lock) {
        while (!closed && waiters.isEmpty()) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (closed && waiters.isEmpty()) {
          break;
        }
        target = written;
        files = new ArrayList<>(dirtyFiles);
        dirtyFiles.clear();
      }
      IOException failure = syncFiles(files);
      complete(target, failure);
    }
    channels.values().forEach(GroupCommit::closeQuietly);
  }

  private IOException syncFiles(List<Path> files) {
    try {
      for (Path file : files) {
        FileChannel channel = channels.get(file);
        if (channel == null) {
          if (channels.size() >= MAX_OPEN_CHANNELS) {
            channels.values().forEach(GroupCommit::closeQuietly);
            channels.clear();
          }
          channel = FileChannel.open(file, StandardOpenOption.WRITE);
          channels.put(file, channel);
        }
        channel.force(false);
      }
      return null;
    } catch (IOException e) {
      LOG.warn("queue fsync failed, requests will be refused: {}", e.toString());
      channels.values().forEach(GroupCommit::closeQuietly);
      channels.clear();
      return e;
    }
  }

  private void complete(long target, IOException failure) {
    List<CompletableFuture<Void>> done = new ArrayList<>();
    synchronized (lock) {
      syncRounds++;
      if (failure == null) {
        synced = Math.max(synced, target);
      }
      long upTo = failure == null ? synced : target;
      while (!waiters.isEmpty() && waiters.firstKey() <= upTo) {
        done.addAll(waiters.pollFirstEntry().getValue());
      }
    }
    for (CompletableFuture<Void> future : done) {
      if (failure == null) {
        future.complete(null);
      } else {
        future.completeExceptionally(failure);
      }
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing {} failed", channel, e);
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
