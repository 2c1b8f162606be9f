package io.k3j.telemetry.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.telemetry.internal.otlp.InvalidOtlpException;
import io.k3j.telemetry.internal.otlp.OtlpErrorException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GzipBody inflates a gzip request body in one pass")
class GzipBodyTest {
  private static final int LIMIT = 1 << 20;

  static byte[] text(int length, long seed) {
    Random random = new Random(seed);
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) ('a' + random.nextInt(26));
    }
    return bytes;
  }

  static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(content);
    }
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** The body split into direct buffers of {@code chunk} bytes, as the aggregator leaves it. */
  static ByteBuf chunked(byte[] body, int chunk) {
    CompositeByteBuf composite = Unpooled.compositeBuffer(Integer.MAX_VALUE);
    for (int i = 0; i < body.length; i += chunk) {
      int length = Math.min(chunk, body.length - i);
      composite.addComponent(true, Unpooled.directBuffer(length).writeBytes(body, i, length));
    }
    return composite;
  }

  static byte[] inflate(byte[] body, int limit) throws InvalidOtlpException {
    ByteBuf buf = chunked(body, 8192);
    try {
      return GzipBody.inflate(buf, limit);
    } finally {
      buf.release();
    }
  }

  /** A member with every optional header field (RFC 1952 section 2.3) and a correct header CRC. */
  static byte[] memberWithAllHeaderFields(byte[] content) {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0x1e, 0, 0, 0, 0, 0, 3});
    header.writeBytes(new byte[] {4, 0, 'a', 'b', 'c', 'd'}); // FEXTRA, XLEN 4
    header.writeBytes(new byte[] {'n', 'a', 'm', 'e', 0}); // FNAME
    header.writeBytes(new byte[] {'h', 'i', 0}); // FCOMMENT
    CRC32 headerCrc = new CRC32();
    headerCrc.update(header.toByteArray());
    header.write((int) headerCrc.getValue() & 0xff);
    header.write((int) (headerCrc.getValue() >> 8) & 0xff);
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(content);
    deflater.finish();
    byte[] buffer = new byte[content.length + 1024];
    int length = deflater.deflate(buffer);
    deflater.end();
    header.write(buffer, 0, length);
    CRC32 crc = new CRC32();
    crc.update(content);
    writeIntLe(header, (int) crc.getValue());
    writeIntLe(header, content.length);
    return header.toByteArray();
  }

  static void writeIntLe(ByteArrayOutputStream out, int value) {
    for (int i = 0; i < 4; i++) {
      out.write((value >>> (8 * i)) & 0xff);
    }
  }

  @Test
  @DisplayName("a body split over many buffers inflates to exactly its content")
  void roundTrip() throws Exception {
    for (int size : new int[] {1, 100, 8191, 65_536, 300_000}) {
      byte[] content = text(size, size);
      byte[] body = gzip(content);
      for (int chunk : new int[] {Math.max(1, body.length / 300), 8192, body.length}) {
        ByteBuf buf = chunked(body, chunk);
        try {
          assertThat(GzipBody.inflate(buf, LIMIT))
              .as("size %d chunk %d", size, chunk)
              .isEqualTo(content);
          assertThat(buf.readableBytes()).isEqualTo(body.length);
        } finally {
          buf.release();
        }
      }
    }
  }

  @Test
  @DisplayName("empty content, and an empty body, inflate to nothing")
  void empty() throws Exception {
    assertThat(inflate(gzip(new byte[0]), LIMIT)).isEmpty();
    assertThat(inflate(new byte[0], LIMIT)).isEmpty();
  }

  @Test
  @DisplayName("concatenated members inflate to the concatenated contents, like GZIPInputStream")
  void members() throws Exception {
    byte[] first = text(50_000, 1);
    byte[] second = text(70_000, 2);
    byte[] body = concat(gzip(first), gzip(second), gzip(new byte[0]));

    byte[] expected = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
    assertThat(inflate(body, LIMIT)).isEqualTo(expected).isEqualTo(concat(first, second));
  }

  @Test
  @DisplayName("the optional header fields are skipped and the header CRC is checked")
  void headerFields() throws Exception {
    byte[] content = text(20_000, 3);
    byte[] body = memberWithAllHeaderFields(content);
    assertThat(new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes())
        .isEqualTo(content);

    assertThat(inflate(body, LIMIT)).isEqualTo(content);
    byte[] badHeaderCrc = body.clone();
    badHeaderCrc[10 + 6 + 5 + 3] ^= 1;
    assertThatThrownBy(() -> inflate(badHeaderCrc, LIMIT))
        .isInstanceOf(InvalidOtlpException.class)
        .hasMessageContaining("header CRC");
  }

  @Test
  @DisplayName("every truncation of a body is malformed")
  void truncated() throws Exception {
    byte[] body = gzip(text(3_000, 4));
    for (int length = 1; length < body.length; length++) {
      byte[] cut = Arrays.copyOf(body, length);
      assertThatThrownBy(() -> inflate(cut, LIMIT))
          .as("cut at %d of %d", length, body.length)
          .isInstanceOf(InvalidOtlpException.class)
          .hasMessageStartingWith("malformed gzip body");
    }
  }

  @Test
  @DisplayName("a wrong CRC-32 or ISIZE, bad magic, bad data and trailing bytes are malformed")
  void malformed() throws Exception {
    byte[] body = gzip(text(10_000, 5));
    byte[] crc = body.clone();
    crc[body.length - 8] ^= 1;
    byte[] isize = body.clone();
    isize[body.length - 4] ^= 1;
    byte[] magic = body.clone();
    magic[0] = 0x1e;
    byte[] data = body.clone();
    Arrays.fill(data, 10, 40, (byte) 0xff);
    byte[] trailing = concat(body, new byte[] {0});

    assertThatThrownBy(() -> inflate(crc, LIMIT)).hasMessageContaining("CRC-32");
    assertThatThrownBy(() -> inflate(isize, LIMIT)).hasMessageContaining("ISIZE");
    assertThatThrownBy(() -> inflate(magic, LIMIT)).hasMessageContaining("not a gzip member");
    assertThatThrownBy(() -> inflate(data, LIMIT)).isInstanceOf(InvalidOtlpException.class);
    assertThatThrownBy(() -> inflate(trailing, LIMIT)).isInstanceOf(InvalidOtlpException.class);
    assertThatThrownBy(() -> inflate(text(100, 6), LIMIT)).isInstanceOf(InvalidOtlpException.class);
  }

  @Test
  @DisplayName("content up to the limit passes; one byte more is 413, also when ISIZE lies")
  void limit() throws Exception {
    byte[] atLimit = new byte[LIMIT];
    assertThat(inflate(gzip(atLimit), LIMIT)).hasSize(LIMIT);

    byte[] over = gzip(new byte[LIMIT + 1]);
    assertThatThrownBy(() -> inflate(over, LIMIT))
        .isInstanceOfSatisfying(
            OtlpErrorException.class, e -> assertThat(e.error().httpStatus()).isEqualTo(413));

    byte[] lying = gzip(new byte[4 * LIMIT]);
    Arrays.fill(lying, lying.length - 4, lying.length, (byte) 0); // ISIZE says 0
    assertThatThrownBy(() -> inflate(lying, LIMIT)).isInstanceOf(OtlpErrorException.class);
    byte[] incompressible = new byte[LIMIT];
    new Random(7).nextBytes(incompressible);
    byte[] larger = gzip(incompressible);
    assertThat(larger.length).isGreaterThan(LIMIT).isLessThan(GzipBody.maxCompressedBytes(LIMIT));
    assertThat(inflate(larger, LIMIT)).isEqualTo(incompressible);
  }

  @Test
  @DisplayName("gzip and x-gzip are gzip, in any case; other encodings are not")
  void names() {
    assertThat(GzipBody.isGzip("gzip")).isTrue();
    assertThat(GzipBody.isGzip("X-GZIP")).isTrue();
    assertThat(GzipBody.isGzip("deflate")).isFalse();
    assertThat(GzipBody.isGzip(null)).isFalse();
  }
}
