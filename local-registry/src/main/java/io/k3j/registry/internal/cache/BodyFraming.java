package io.k3j.registry.internal.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Where an HTTP/1.1 response body ends in the bytes that follow its head (RFC 9112 section 6.3):
 * {@code Content-Length} bytes, {@code Transfer-Encoding: chunked} (section 7.1; chunk extensions
 * and trailer fields are read and dropped), or everything until the server closes the connection.
 */
abstract class BodyFraming {
  /** Longest chunk-size line (with extensions) or trailer line accepted. */
  private static final int MAX_LINE = 4096;

  /**
   * Appends to {@code data} views of the body bytes among the remaining bytes of {@code in} and
   * consumes them; framing bytes are consumed and dropped. Bytes after the end of the body are left
   * in {@code in}.
   */
  abstract void body(ByteBuffer in, List<ByteBuffer> data) throws IOException;

  /** Whether the whole body has been seen. */
  abstract boolean ended();

  /** The connection closed: fails unless the framing allows the body to end there. */
  abstract void closed(long bodyBytes) throws IOException;

  static BodyFraming contentLength(long length) {
    return new ContentLength(length);
  }

  static BodyFraming chunked() {
    return new Chunked();
  }

  static BodyFraming untilClose() {
    return new ContentLength(Long.MAX_VALUE) {
      @Override
      void closed(long bodyBytes) {}
    };
  }

  /** The view of the next {@code n} bytes of {@code in}, which it consumes. */
  static ByteBuffer take(ByteBuffer in, int n) {
    ByteBuffer view = in.slice(in.position(), n);
    in.position(in.position() + n);
    return view;
  }

  private static class ContentLength extends BodyFraming {
    private final long length;
    private long remaining;

    ContentLength(long length) {
      this.length = length;
      this.remaining = length;
    }

    @Override
    void body(ByteBuffer in, List<ByteBuffer> data) {
      int n = (int) Math.min(remaining, in.remaining());
      if (n > 0) {
        data.add(take(in, n));
        remaining -= n;
      }
    }

    @Override
    boolean ended() {
      return remaining == 0;
    }

    @Override
    void closed(long bodyBytes) throws IOException {
      if (remaining > 0) {
        throw new IOException(
            "upstream closed the connection after " + bodyBytes + " of " + length + " bytes");
      }
    }
  }

  private static final class Chunked extends BodyFraming {
    private enum State {
      SIZE,
      EXTENSION,
      DATA,
      DATA_END,
      TRAILER,
      DONE
    }

    private State state = State.SIZE;
    private long chunk;
    private int digits;
    private int lineBytes;
    private boolean lineEmpty = true;

    @Override
    void body(ByteBuffer in, List<ByteBuffer> data) throws IOException {
      while (in.hasRemaining() && state != State.DONE) {
        if (state == State.DATA) {
          int n = (int) Math.min(chunk, in.remaining());
          data.add(take(in, n));
          chunk -= n;
          if (chunk == 0) {
            state = State.DATA_END;
          }
          continue;
        }
        byte b = in.get();
        if (++lineBytes > MAX_LINE) {
          throw new IOException("chunked upstream body: a line longer than " + MAX_LINE);
        }
        switch (state) {
          case SIZE -> size(b);
          case EXTENSION -> {
            if (b == '\n') {
              endOfSizeLine();
            }
          }
          case DATA_END -> {
            if (b == '\n') {
              state = State.SIZE;
              lineBytes = 0;
            } else if (b != '\r') {
              throw new IOException("chunked upstream body: no line end after a chunk");
            }
          }
          case TRAILER -> trailer(b);
          default -> throw new IllegalStateException(state.name());
        }
      }
    }

    private void size(byte b) throws IOException {
      int digit = Character.digit(b, 16);
      if (digit >= 0) {
        if (++digits > 15) {
          throw new IOException("chunked upstream body: chunk size too large");
        }
        chunk = chunk * 16 + digit;
      } else if (digits > 0 && (b == ';' || b == ' ' || b == '\t' || b == '\r')) {
        state = State.EXTENSION;
      } else if (digits > 0 && b == '\n') {
        endOfSizeLine();
      } else {
        throw new IOException("chunked upstream body: bad chunk size");
      }
    }

    private void endOfSizeLine() {
      lineBytes = 0;
      digits = 0;
      if (chunk == 0) {
        state = State.TRAILER;
        lineEmpty = true;
      } else {
        state = State.DATA;
      }
    }

    private void trailer(byte b) {
      if (b == '\n') {
        if (lineEmpty) {
          state = State.DONE;
        }
        lineEmpty = true;
        lineBytes = 0;
      } else if (b != '\r') {
        lineEmpty = false;
      }
    }

    @Override
    boolean ended() {
      return state == State.DONE;
    }

    @Override
    void closed(long bodyBytes) throws IOException {
      if (state != State.DONE) {
        throw new IOException(
            "upstream closed the connection inside a chunked body after " + bodyBytes + " bytes");
      }
    }
  }
}
