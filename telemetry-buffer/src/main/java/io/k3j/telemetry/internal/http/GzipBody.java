package io.k3j.telemetry.internal.http;

import io.k3j.telemetry.internal.otlp.InvalidOtlpException;
import io.k3j.telemetry.internal.otlp.OtlpError;
import io.k3j.telemetry.internal.otlp.OtlpErrorException;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a gzip request body (RFC 1952) in one pass into an array of its decompressed size, which
 * becomes the stored payload as it is.
 *
 * <p>Why not Netty's content decompressor: per request it built an embedded channel and a new
 * {@link Inflater} (zlib state and a 32 KiB window), inflated each 8 KiB network chunk into its own
 * buffer, and the aggregator then copied those pieces once more into one array. Here each
 * event-loop thread keeps one raw-deflate Inflater, reads the compressed bytes where the aggregator
 * left them, and writes the output once, into an array sized from the member's ISIZE trailer.
 *
 * <p>The size limit holds on the inflated bytes (OTLP spec 1.11, "Request size limits"): inflating
 * stops one byte past it, so a gzip bomb costs at most the limit. Several members in one body (RFC
 * 1952 section 2.2) are inflated one after the other; a bad header, a truncated stream, a CRC-32 or
 * ISIZE mismatch, or bytes after the last member are malformed input.
 *
 * <p>The gRPC receiver inflates its {@code grpc-encoding: gzip} messages (the same RFC 1952 format)
 * with it too.
 */
public final class GzipBody {
  private static final int FHCRC = 0x02;
  private static final int FEXTRA = 0x04;
  private static final int FNAME = 0x08;
  private static final int FCOMMENT = 0x10;
  private static final int RESERVED_FLAGS = 0xe0;
  private static final int HEADER_BYTES = 10;
  private static final int TRAILER_BYTES = 8;

  /** OTLP protobuf compresses 2-10 times; deflate can reach about 1,000 times (a bomb). */
  private static final int TRUSTED_RATIO = 32;

  private static final FastThreadLocal<Inflater> INFLATER =
      new FastThreadLocal<>() {
        @Override
        protected Inflater initialValue() {
          return new Inflater(true); // raw deflate: the gzip framing is read here
        }

        @Override
        protected void onRemoval(Inflater inflater) {
          inflater.end();
        }
      };

  private GzipBody() {}

  /** {@code gzip}, and {@code x-gzip}, which RFC 9110 section 8.4.1.3 says to treat the same. */
  static boolean isGzip(String contentEncoding) {
    return contentEncoding != null
        && (contentEncoding.trim().equalsIgnoreCase("gzip")
            || contentEncoding.trim().equalsIgnoreCase("x-gzip"));
  }

  /**
   * The largest gzip body whose content can still fit in {@code maxBytes}: deflate's stored blocks
   * add 5 bytes per 65,535 (RFC 1951 section 3.2.4), plus the header and trailer, with room for an
   * optional file name or comment.
   */
  public static int maxCompressedBytes(int maxBytes) {
    return (int) Math.min(Integer.MAX_VALUE - 8, maxBytes + (maxBytes >> 12) + 1024L);
  }

  /**
   * @param body the whole gzip body, readable bytes only; not consumed or released
   * @return the inflated content, exactly its length
   * @throws InvalidOtlpException malformed or truncated gzip (400)
   * @throws OtlpErrorException the content is larger than {@code maxBytes} (413); inflating stops
   *     at {@code maxBytes + 1}
   */
  public static byte[] inflate(ByteBuf body, int maxBytes) throws InvalidOtlpException {
    int start = body.readerIndex();
    int end = body.writerIndex();
    if (start == end) {
      return new byte[0];
    }
    Inflater inflater = INFLATER.get();
    try {
      byte[] out = new byte[initialCapacity(body, maxBytes)];
      int produced = 0;
      int position = start;
      while (position < end) {
        int dataStart = skipHeader(body, position, end);
        int memberStart = produced;
        inflater.reset();
        for (ByteBuffer part : body.nioBuffers(dataStart, end - dataStart)) {
          inflater.setInput(part);
          while (!inflater.finished() && !inflater.needsInput()) {
            if (produced == out.length) {
              out = grow(out, maxBytes);
            }
            produced += inflater.inflate(out, produced, out.length - produced);
            if (produced > maxBytes) {
              throw new OtlpErrorException(OtlpError.tooLarge(maxBytes));
            }
            if (inflater.needsDictionary()) {
              throw malformed("a deflate stream that needs a preset dictionary");
            }
          }
          if (inflater.finished()) {
            break;
          }
        }
        if (!inflater.finished()) {
          throw malformed("truncated deflate data");
        }
        int trailer = dataStart + (int) inflater.getBytesRead();
        if (end - trailer < TRAILER_BYTES) {
          throw malformed("truncated trailer");
        }
        checkTrailer(body, trailer, out, memberStart, produced - memberStart);
        position = trailer + TRAILER_BYTES;
      }
      return produced == out.length ? out : Arrays.copyOf(out, produced);
    } catch (DataFormatException e) {
      throw new InvalidOtlpException("malformed gzip body: " + e.getMessage(), e);
    } finally {
      inflater.reset(); // drops the reference to the request's buffers
    }
  }

  /**
   * The last member's ISIZE: the whole content's length when there is one member, the usual. The
   * sender states it, so it is believed only up to {@link #TRUSTED_RATIO} times the body (more is
   * reached by growing, as the output really comes), and never past the limit.
   */
  private static int initialCapacity(ByteBuf body, int maxBytes) {
    int compressed = body.readableBytes();
    long isize =
        compressed >= HEADER_BYTES + TRAILER_BYTES
            ? body.getUnsignedIntLE(body.writerIndex() - 4)
            : 0;
    long trusted = Math.max(8192L, (long) compressed * TRUSTED_RATIO);
    return (int) Math.max(1, Math.min(Math.min(isize, trusted), maxBytes + 1L));
  }

  private static byte[] grow(byte[] out, int maxBytes) {
    long doubled = Math.max(8192L, 2L * out.length);
    return Arrays.copyOf(out, (int) Math.min(doubled, maxBytes + 1L));
  }

  /** Returns the index of the member's deflate data (RFC 1952 section 2.3). */
  private static int skipHeader(ByteBuf body, int position, int end) throws InvalidOtlpException {
    if (end - position < HEADER_BYTES) {
      throw malformed("truncated header");
    }
    if (body.getUnsignedByte(position) != 0x1f || body.getUnsignedByte(position + 1) != 0x8b) {
      throw malformed("not a gzip member");
    }
    if (body.getUnsignedByte(position + 2) != 8) {
      throw malformed("compression method is not deflate");
    }
    int flags = body.getUnsignedByte(position + 3);
    if ((flags & RESERVED_FLAGS) != 0) {
      throw malformed("reserved header flags are set");
    }
    int index = position + HEADER_BYTES;
    if ((flags & FEXTRA) != 0) {
      if (end - index < 2) {
        throw malformed("truncated header");
      }
      index += 2 + body.getUnsignedShortLE(index);
    }
    if ((flags & FNAME) != 0) {
      index = afterZero(body, index, end);
    }
    if ((flags & FCOMMENT) != 0) {
      index = afterZero(body, index, end);
    }
    if ((flags & FHCRC) != 0) {
      if (end - index < 2) {
        throw malformed("truncated header");
      }
      CRC32 crc = new CRC32();
      crc.update(body.nioBuffer(position, index - position));
      if ((crc.getValue() & 0xffff) != body.getUnsignedShortLE(index)) {
        throw malformed("header CRC mismatch");
      }
      index += 2;
    }
    if (index > end) {
      throw malformed("truncated header");
    }
    return index;
  }

  private static int afterZero(ByteBuf body, int index, int end) throws InvalidOtlpException {
    int zero = index < end ? body.indexOf(index, end, (byte) 0) : -1;
    if (zero < 0) {
      throw malformed("truncated header");
    }
    return zero + 1;
  }

  private static void checkTrailer(ByteBuf body, int trailer, byte[] out, int from, int length)
      throws InvalidOtlpException {
    CRC32 crc = new CRC32();
    crc.update(out, from, length);
    if (crc.getValue() != body.getUnsignedIntLE(trailer)) {
      throw malformed("CRC-32 mismatch");
    }
    if ((length & 0xffffffffL) != body.getUnsignedIntLE(trailer + 4)) {
      throw malformed("ISIZE mismatch");
    }
  }

  private static InvalidOtlpException malformed(String what) {
    return new InvalidOtlpException("malformed gzip body: " + what, null);
  }
}
