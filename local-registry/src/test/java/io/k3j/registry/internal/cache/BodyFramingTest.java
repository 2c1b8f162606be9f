package io.k3j.registry.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BodyFramingTest {
  @Test
  @DisplayName(
      "a chunked body with extensions and trailer fields decodes to its data wherever the reads split it, and the bytes after it are left unread")
  void chunkedSplitAnywhere() throws Exception {
    byte[] data = new byte[70_000];
    new Random(1).nextBytes(data);
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    wire.writeBytes("8000;name=value\r\n".getBytes(StandardCharsets.US_ASCII));
    wire.write(data, 0, 0x8000);
    wire.writeBytes("\r\n2ee0 \r\n".getBytes(StandardCharsets.US_ASCII));
    wire.write(data, 0x8000, 0x2ee0);
    wire.writeBytes(
        ("\r\n" + Integer.toHexString(data.length - 0x8000 - 0x2ee0) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    wire.write(data, 0x8000 + 0x2ee0, data.length - 0x8000 - 0x2ee0);
    wire.writeBytes("\r\n0\r\nDigest: x\r\n\r\nNEXT".getBytes(StandardCharsets.US_ASCII));
    byte[] bytes = wire.toByteArray();

    for (int split : new int[] {1, 2, 3, 5, 7, 4096, 0x8011, bytes.length}) {
      BodyFraming framing = BodyFraming.chunked();
      ByteArrayOutputStream decoded = new ByteArrayOutputStream();
      ByteBuffer rest = null;
      for (int at = 0; at < bytes.length; at += split) {
        ByteBuffer in = ByteBuffer.wrap(bytes, at, Math.min(split, bytes.length - at)).slice();
        List<ByteBuffer> out = new ArrayList<>();
        framing.body(in, out);
        out.forEach(b -> decoded.write(b.array(), b.arrayOffset() + b.position(), b.remaining()));
        if (framing.ended()) {
          rest = in;
          break;
        }
      }
      assertThat(framing.ended()).as("split %d", split).isTrue();
      assertThat(decoded.toByteArray()).as("split %d", split).isEqualTo(data);
      assertThat(StandardCharsets.US_ASCII.decode(rest).toString())
          .as("split %d", split)
          .isIn("NEXT", "NEX", "NE", "N", "");
      framing.closed(data.length);
    }
  }

  @Test
  @DisplayName("a chunked body cut off before its last chunk fails when the connection closes")
  void chunkedCutOff() throws Exception {
    BodyFraming framing = BodyFraming.chunked();
    List<ByteBuffer> out = new ArrayList<>();
    framing.body(ascii("5\r\nhello\r\n"), out);

    assertThat(framing.ended()).isFalse();
    assertThatThrownBy(() -> framing.closed(5))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("chunked");
  }

  @Test
  @DisplayName("a chunk size that is not hexadecimal, or too large, is an error")
  void badChunkSize() {
    assertThatThrownBy(() -> BodyFraming.chunked().body(ascii("zz\r\n"), new ArrayList<>()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bad chunk size");
    assertThatThrownBy(
            () -> BodyFraming.chunked().body(ascii("1000000000000000\r\n"), new ArrayList<>()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("too large");
  }

  @Test
  @DisplayName(
      "a Content-Length body takes exactly that many bytes and fails when the connection closes early")
  void contentLength() throws Exception {
    BodyFraming framing = BodyFraming.contentLength(6);
    List<ByteBuffer> out = new ArrayList<>();
    framing.body(ascii("abc"), out);
    assertThat(framing.ended()).isFalse();
    assertThatThrownBy(() -> framing.closed(3))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("after 3 of 6 bytes");

    ByteBuffer more = ascii("defghi");
    framing.body(more, out);
    assertThat(framing.ended()).isTrue();
    assertThat(more.remaining()).as("bytes past the body are left").isEqualTo(3);
    assertThat(out)
        .extracting(b -> StandardCharsets.US_ASCII.decode(b).toString())
        .containsExactly("abc", "def");
  }

  @Test
  @DisplayName("a body without length ends when the connection closes")
  void untilClose() throws Exception {
    BodyFraming framing = BodyFraming.untilClose();
    List<ByteBuffer> out = new ArrayList<>();
    framing.body(ascii("abc"), out);
    assertThat(framing.ended()).isFalse();
    framing.closed(3);
    assertThat(out).hasSize(1);
  }

  private static ByteBuffer ascii(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
  }
}
