package io.k3j.registry.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.registry.internal.store.BlobContent;
import io.k3j.registry.internal.store.Digest;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.FileRegion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrowingBlobRegionsTest {
  @TempDir Path dir;

  /** A blob file filled by the test, as an upstream fetch fills it. */
  static final class Growing implements BlobContent {
    final Path file;
    final long size;
    volatile long written;
    volatile boolean failed;

    Growing(Path file, long size) {
      this.file = file;
      this.size = size;
    }

    @Override
    public Digest digest() {
      return Digest.sha256(new byte[0]);
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public FileChannel open() throws IOException {
      return FileChannel.open(file, StandardOpenOption.READ);
    }

    @Override
    public long available() {
      return written;
    }

    @Override
    public boolean verified() {
      return false;
    }

    @Override
    public boolean failed() {
      return failed;
    }
  }

  static void drain(FileRegion region, WritableByteChannel target) throws IOException {
    while (region.transferred() < region.count()) {
      region.transferTo(target, region.transferred());
    }
    region.release();
  }

  @Test
  @DisplayName(
      "a byte range of a growing blob is sent as regions of what is written, pausing in between")
  void rangeOfGrowingBlob() throws IOException {
    byte[] bytes = new byte[10_000];
    new Random(7).nextBytes(bytes);
    Path file = Files.createFile(dir.resolve("blob"));
    Growing blob = new Growing(file, bytes.length);
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    WritableByteChannel target = Channels.newChannel(sent);
    GrowingBlobRegions input = new GrowingBlobRegions(blob, 1_000, 9_000);

    assertThat(input.readChunk(ByteBufAllocator.DEFAULT)).as("nothing written yet").isNull();
    Files.write(file, Arrays.copyOfRange(bytes, 0, 4_000));
    blob.written = 4_000;
    FileRegion first = input.readChunk(ByteBufAllocator.DEFAULT);
    assertThat(first.position()).isEqualTo(1_000);
    assertThat(first.count()).isEqualTo(3_000);
    drain(first, target);
    assertThat(input.readChunk(ByteBufAllocator.DEFAULT)).as("no progress").isNull();
    assertThat(input.isEndOfInput()).isFalse();

    Files.write(file, Arrays.copyOfRange(bytes, 4_000, bytes.length), StandardOpenOption.APPEND);
    blob.written = bytes.length;
    FileRegion second = input.readChunk(ByteBufAllocator.DEFAULT);
    assertThat(second.count()).as("stops at the end of the range").isEqualTo(5_000);
    drain(second, target);
    assertThat(input.isEndOfInput()).isTrue();
    assertThat(input.progress()).isEqualTo(9_000);
    input.close();
    assertThat(sent.toByteArray()).isEqualTo(Arrays.copyOfRange(bytes, 1_000, 9_000));
  }

  @Test
  @DisplayName("a failed fetch fails the response instead of pausing forever")
  void failedFetch() throws IOException {
    Growing blob = new Growing(Files.createFile(dir.resolve("blob")), 100);
    GrowingBlobRegions input = new GrowingBlobRegions(blob, 0, 100);
    blob.failed = true;
    assertThatThrownBy(() -> input.readChunk(ByteBufAllocator.DEFAULT))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("failed");
  }
}
