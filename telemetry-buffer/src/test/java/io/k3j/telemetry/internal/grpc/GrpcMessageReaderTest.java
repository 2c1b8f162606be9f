package io.k3j.telemetry.internal.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.Code;
import io.k3j.telemetry.internal.otlp.OtlpErrorException;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The length-prefixed request message of a unary gRPC call")
class GrpcMessageReaderTest {
  final GrpcMessageReader reader = new GrpcMessageReader(100, PooledByteBufAllocator.DEFAULT);

  @AfterEach
  void release() {
    reader.release();
  }

  void add(int... bytes) {
    byte[] data = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      data[i] = (byte) bytes[i];
    }
    var buf = Unpooled.wrappedBuffer(data);
    reader.add(buf);
    buf.release();
  }

  static void assertCode(Runnable action, Code code) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(
            OtlpErrorException.class, e -> assertThat(e.error().code()).isEqualTo(code));
  }

  @Test
  @DisplayName("prefix and message may be split anywhere across DATA frames")
  void splitAnywhere() {
    add(1, 0);
    add(0, 0);
    add(3, 'a');
    add('b', 'c');

    GrpcMessageReader.Message message = reader.finish();

    assertThat(message.compressed()).isTrue();
    assertThat(ByteBufUtil.getBytes(message.bytes())).containsExactly('a', 'b', 'c');
  }

  @Test
  @DisplayName("an empty message is a message")
  void emptyMessage() {
    add(0, 0, 0, 0, 0);

    assertThat(reader.finish().bytes().readableBytes()).isZero();
  }

  @Test
  @DisplayName("a length over the limit is refused as soon as the prefix is in")
  void tooLargeAtOnce() {
    assertCode(() -> add(0, 0, 0, 0, 101), Code.RESOURCE_EXHAUSTED);
  }

  @Test
  @DisplayName("a compressed message may be longer than the limit by the gzip overhead only")
  void compressedLimit() {
    add(1, 0, 0, 4, 0); // 1,024 bytes: within 100 + 1,024 of header room
    GrpcMessageReader other = new GrpcMessageReader(100, PooledByteBufAllocator.DEFAULT);
    try {
      assertCode(
          () -> other.add(Unpooled.wrappedBuffer(new byte[] {1, 0, 0, 8, 0})),
          Code.RESOURCE_EXHAUSTED); // 2,048 bytes
    } finally {
      other.release();
    }
  }

  @Test
  @DisplayName("a flag other than 0 or 1 is INTERNAL")
  void badFlag() {
    assertCode(() -> add(2, 0, 0, 0, 1), Code.INTERNAL);
  }

  @Test
  @DisplayName("bytes after the message are a second message: UNIMPLEMENTED (cardinality)")
  void secondMessage() {
    add(0, 0, 0, 0, 1, 'a');
    assertCode(() -> add(0), Code.UNIMPLEMENTED);
  }

  @Test
  @DisplayName("no message is UNIMPLEMENTED; a cut-short prefix or message is INTERNAL")
  void endsEarly() {
    assertCode(reader::finish, Code.UNIMPLEMENTED);
    add(0, 0, 0);
    assertCode(reader::finish, Code.INTERNAL);
    add(0, 2, 'a');
    assertCode(reader::finish, Code.INTERNAL);
  }
}
