package io.k3j.registry.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.registry.internal.store.Digest;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PipelinedDigestTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  @DisplayName("the digest of buffers handed over one by one equals the digest of the whole")
  void digestOfAllBuffers() throws Exception {
    byte[] data = new byte[5 * 1024 * 1024 + 123];
    new Random(1).nextBytes(data);
    Random sizes = new Random(2);
    Digest digest;
    try (PipelinedDigest hash = new PipelinedDigest("sha256", 3, 64 * 1024, executor)) {
      for (int position = 0; position < data.length; ) {
        byte[] buffer = hash.buffer();
        int n = Math.min(data.length - position, 1 + sizes.nextInt(buffer.length));
        System.arraycopy(data, position, buffer, 0, n);
        hash.hash(buffer, n);
        position += n;
      }
      digest = hash.digest();
    }
    assertThat(digest).isEqualTo(Digest.of("sha256", data));
  }

  @Test
  @DisplayName("no bytes give the digest of the empty blob, and a recycled buffer is not hashed")
  void emptyAndRecycled() throws Exception {
    try (PipelinedDigest hash = new PipelinedDigest("sha256", 2, 16, executor)) {
      byte[] buffer = hash.buffer();
      buffer[0] = 42;
      hash.recycle(buffer);
      assertThat(hash.digest()).isEqualTo(Digest.of("sha256", new byte[0]));
    }
  }

  @Test
  @DisplayName("closing without asking for the digest (a failed copy) ends the hashing task")
  void closeEndsTheTask() throws Exception {
    ExecutorService single = Executors.newSingleThreadExecutor();
    try {
      PipelinedDigest hash = new PipelinedDigest("sha256", 2, 16, single);
      hash.hash(hash.buffer(), 16);
      hash.close();
      single.shutdown();
      assertThat(single.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      single.shutdownNow();
    }
  }
}
