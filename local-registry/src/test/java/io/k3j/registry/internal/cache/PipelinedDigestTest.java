package io.k3j.registry.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.registry.internal.store.Digest;
import java.nio.ByteBuffer;
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
  @DisplayName(
      "the digest of buffers handed over one by one equals the digest of the whole, also for read-only buffers whose position the writer moves on")
  void digestOfAllBuffers() throws Exception {
    byte[] data = new byte[5 * 1024 * 1024 + 123];
    new Random(1).nextBytes(data);
    Random sizes = new Random(2);
    Digest digest;
    try (PipelinedDigest hash = new PipelinedDigest("sha256", 3, executor)) {
      for (int position = 0; position < data.length; ) {
        int n = Math.min(data.length - position, 1 + sizes.nextInt(256 * 1024));
        ByteBuffer buffer = ByteBuffer.wrap(data, position, n).slice().asReadOnlyBuffer();
        hash.hash(buffer);
        buffer.position(buffer.limit()); // as the file write leaves it
        position += n;
      }
      digest = hash.digest();
    }
    assertThat(digest).isEqualTo(Digest.of("sha256", data));
  }

  @Test
  @DisplayName("no bytes give the digest of the empty blob")
  void empty() throws Exception {
    try (PipelinedDigest hash = new PipelinedDigest("sha256", 2, executor)) {
      assertThat(hash.digest()).isEqualTo(Digest.of("sha256", new byte[0]));
    }
  }

  @Test
  @DisplayName("closing without asking for the digest (a failed copy) ends the hashing task")
  void closeEndsTheTask() throws Exception {
    ExecutorService single = Executors.newSingleThreadExecutor();
    try {
      PipelinedDigest hash = new PipelinedDigest("sha256", 2, single);
      hash.hash(ByteBuffer.allocate(16));
      hash.close();
      single.shutdown();
      assertThat(single.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      single.shutdownNow();
    }
  }
}
