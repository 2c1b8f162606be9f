package io.k3j.core.datastore.crash;

import io.k3j.core.datastore.Backend;
import io.k3j.core.datastore.sqlite.SqliteBackend;
import io.k3j.core.datastore.sqlite.SqliteOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of {@link CrashRecoveryIT}: writes as fast as it can from several threads and
 * prints {@code ack <key> <revision>} for every write the datastore acknowledged, until killed.
 */
public final class CrashWriter {
  private CrashWriter() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String run = args[1];
    int threads = Integer.parseInt(args[2]);
    BufferedWriter out =
        new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    Backend store = SqliteBackend.open(SqliteOptions.defaults(file));
    synchronized (out) {
      out.write("ready " + store.currentRevision() + "\n");
      out.flush();
    }
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread writer =
          new Thread(
              () -> {
                for (long n = 0; ; n++) {
                  String key = "/crash/" + run + "/" + thread + "/" + n;
                  long revision = store.create(key, value(key), 0).join().modRevision();
                  String update = "/crash/shared/" + thread;
                  long updated = upsert(store, update, value(key + "@" + revision));
                  ack(out, key + " " + revision + " " + update + " " + updated);
                }
              });
      writer.start();
    }
    Thread.currentThread().join();
  }

  private static long upsert(Backend store, String key, byte[] value) {
    return store.get(key, 0).isPresent()
        ? store.update(key, value, 0, 0).join().modRevision()
        : store.create(key, value, 0).join().modRevision();
  }

  static byte[] value(String key) {
    return ("value of " + key).getBytes(StandardCharsets.UTF_8);
  }

  private static void ack(BufferedWriter out, String line) {
    synchronized (out) {
      try {
        out.write("ack " + line + "\n");
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
