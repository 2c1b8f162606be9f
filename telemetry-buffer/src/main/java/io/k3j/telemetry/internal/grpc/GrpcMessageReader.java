package io.k3j.telemetry.internal.grpc;

import io.k3j.telemetry.internal.http.GzipBody;
import io.k3j.telemetry.internal.otlp.OtlpError;
import io.k3j.telemetry.internal.otlp.OtlpErrorException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * Collects the one length-prefixed message of a unary call from the stream's DATA frames (gRPC
 * PROTOCOL-HTTP2.md, "Length-Prefixed-Message": a compressed flag byte, a 4-byte big-endian length,
 * the message). The length is checked as soon as the prefix is in, so an oversized message is
 * refused before its bytes arrive: at most the size limit, or for a compressed message the largest
 * gzip body whose content can still fit ({@link GzipBody#maxCompressedBytes}).
 *
 * <p>Not thread-safe; used on the stream's event loop. {@link #release} frees what was collected.
 */
final class GrpcMessageReader {
  static final int PREFIX_BYTES = 5;

  /** A complete message: its bytes, valid until {@link #release}, and whether it is compressed. */
  record Message(boolean compressed, ByteBuf bytes) {}

  private final int maxBytes;
  private final CompositeByteBuf collected;
  private int length = -1;
  private boolean compressed;

  GrpcMessageReader(int maxBytes, ByteBufAllocator alloc) {
    this.maxBytes = maxBytes;
    this.collected = alloc.compositeBuffer(1024);
  }

  /**
   * Adds the bytes of one DATA frame (retained here, the caller still releases the frame).
   *
   * @throws OtlpErrorException the prefix is malformed, the message is over the limit, or a second
   *     message follows the first
   */
  void add(ByteBuf data) {
    if (!data.isReadable()) {
      return;
    }
    collected.addComponent(true, data.retainedSlice());
    if (length < 0 && collected.readableBytes() >= PREFIX_BYTES) {
      readPrefix();
    }
    if (length >= 0 && collected.readableBytes() > PREFIX_BYTES + length) {
      throw new OtlpErrorException(tooManyMessages());
    }
  }

  private void readPrefix() {
    int flag = collected.getUnsignedByte(collected.readerIndex());
    long declared = collected.getUnsignedInt(collected.readerIndex() + 1);
    if (flag > 1) {
      throw new OtlpErrorException(
          OtlpError.internal("malformed gRPC message prefix: compressed flag " + flag));
    }
    compressed = flag == 1;
    long limit = compressed ? GzipBody.maxCompressedBytes(maxBytes) : maxBytes;
    if (declared > limit) {
      throw new OtlpErrorException(OtlpError.tooLarge(maxBytes));
    }
    length = (int) declared;
  }

  /**
   * The message, once the request stream ended.
   *
   * @throws OtlpErrorException no message (UNIMPLEMENTED, gRPC status codes: "request cardinality
   *     violation") or a message cut short (INTERNAL)
   */
  Message finish() {
    if (collected.readableBytes() == 0) {
      throw new OtlpErrorException(
          OtlpError.unimplemented("a unary call needs exactly one request message, got none"));
    }
    if (length < 0 || collected.readableBytes() < PREFIX_BYTES + length) {
      throw new OtlpErrorException(
          OtlpError.internal("the request stream ended in the middle of a message"));
    }
    return new Message(compressed, collected.slice(collected.readerIndex() + PREFIX_BYTES, length));
  }

  void release() {
    collected.release();
  }

  private static OtlpError tooManyMessages() {
    return OtlpError.unimplemented("a unary call needs exactly one request message, got more");
  }
}
