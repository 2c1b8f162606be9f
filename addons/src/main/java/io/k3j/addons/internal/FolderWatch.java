package io.k3j.addons.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File-system events for the manifests folder and its subdirectories (a {@link WatchService}
 * watches one directory each, so {@link #register} is called again after every pass to pick up new
 * ones). Every event runs {@code onChange}; what changed is found by the pass itself.
 */
public final class FolderWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FolderWatch.class);
  private final WatchService service;
  private final Thread thread;

  private FolderWatch(WatchService service, Runnable onChange) {
    this.service = service;
    this.thread = new Thread(() -> run(onChange), "k3j-deploy-watch");
    this.thread.setDaemon(true);
  }

  /** A running watch, or null when the file system offers no events (then polling is all). */
  public static FolderWatch start(Path base, Runnable onChange) {
    try {
      FolderWatch watch = new FolderWatch(base.getFileSystem().newWatchService(), onChange);
      watch.register(base);
      watch.thread.start();
      return watch;
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warn("manifests folder {}: no file-system events ({}), polling only", base, e);
      return null;
    }
  }

  /** Watches {@code base} and every directory below it (again: registering twice is harmless). */
  public void register(Path base) {
    try {
      for (Path dir : ManifestFolder.directories(base)) {
        dir.register(
            service,
            StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_MODIFY,
            StandardWatchEventKinds.ENTRY_DELETE);
      }
    } catch (ClosedWatchServiceException e) {
      // closing
    } catch (IOException e) {
      LOG.warn("manifests folder {}: cannot watch every directory: {}", base, e.toString());
    }
  }

  private void run(Runnable onChange) {
    try {
      while (true) {
        WatchKey key = service.take();
        key.pollEvents();
        key.reset();
        onChange.run();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      LOG.warn("closing the manifests folder watch: {}", e.toString());
    }
    thread.interrupt();
  }
}
