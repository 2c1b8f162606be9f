package io.k3j.telemetry.internal.grpc;

import io.k3j.telemetry.internal.otlp.OtlpError;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes the answers of a call (gRPC PROTOCOL-HTTP2.md, "Responses"): OK is response headers, the
 * empty Export*ServiceResponse as one length-prefixed message, and trailers; an error is
 * Trailers-Only. Every answer lists the accepted message encodings ({@code grpc-accept-encoding}),
 * which a client needs after UNIMPLEMENTED for an encoding. {@link #sendError} and {@link
 * #sendHttpError} are the only ways an error reaches a gRPC client.
 */
final class GrpcResponses {
  static final AsciiString CONTENT_TYPE = AsciiString.cached("application/grpc");
  static final AsciiString GRPC_STATUS = AsciiString.cached("grpc-status");
  static final AsciiString GRPC_MESSAGE = AsciiString.cached("grpc-message");
  static final AsciiString GRPC_STATUS_DETAILS = AsciiString.cached("grpc-status-details-bin");
  static final AsciiString GRPC_ACCEPT_ENCODING = AsciiString.cached("grpc-accept-encoding");
  static final AsciiString ACCEPTED_ENCODINGS = AsciiString.cached("identity,gzip");

  /** An empty message (every Export*ServiceResponse without partial_success): flag 0, length 0. */
  private static final byte[] EMPTY_MESSAGE = new byte[GrpcMessageReader.PREFIX_BYTES];

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private GrpcResponses() {}

  /** Headers, the empty response message, then trailers with {@code grpc-status: 0}. */
  static void sendOk(ChannelHandlerContext ctx) {
    ctx.write(new DefaultHttp2HeadersFrame(responseHeaders("200")));
    ctx.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(EMPTY_MESSAGE)));
    Http2Headers trailers = new DefaultHttp2Headers().set(GRPC_STATUS, "0");
    ctx.writeAndFlush(new DefaultHttp2HeadersFrame(trailers, true));
  }

  /**
   * A Trailers-Only answer with the status, its message and the google.rpc.Status (carrying
   * RetryInfo when the buffer is full). When the request is not finished, the stream is then reset
   * with NO_ERROR, which asks the client to stop sending it (RFC 9113 section 8.1).
   */
  static void sendError(ChannelHandlerContext ctx, OtlpError error, boolean requestEnded) {
    Http2Headers headers = statusHeaders(responseHeaders("200"), error);
    finish(ctx, ctx.writeAndFlush(new DefaultHttp2HeadersFrame(headers, true)), requestEnded);
  }

  /**
   * An HTTP error for a request that is no gRPC call (a wrong content type gets 415, gRPC
   * PROTOCOL-HTTP2.md: "so that other HTTP/2 clients do not take a gRPC error for success"), with
   * the status in the headers too and the message as a text body.
   */
  static void sendHttpError(ChannelHandlerContext ctx, OtlpError error, boolean requestEnded) {
    Http2Headers headers =
        statusHeaders(
            new DefaultHttp2Headers()
                .status(Integer.toString(error.httpStatus()))
                .set("content-type", "text/plain; charset=utf-8"),
            error);
    byte[] text = (error.message() + "\n").getBytes(StandardCharsets.UTF_8);
    ctx.write(new DefaultHttp2HeadersFrame(headers));
    ChannelFuture last =
        ctx.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(text), true));
    finish(ctx, last, requestEnded);
  }

  /**
   * Resets the stream once the answer is on the wire: a reset drops the DATA frames that HTTP/2
   * flow control still holds back.
   */
  private static void finish(ChannelHandlerContext ctx, ChannelFuture last, boolean requestEnded) {
    if (!requestEnded) {
      last.addListener(
          written -> {
            if (ctx.channel().isActive()) {
              ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR));
            }
          });
    }
  }

  private static Http2Headers responseHeaders(String status) {
    return new DefaultHttp2Headers()
        .status(status)
        .set("content-type", CONTENT_TYPE)
        .set(GRPC_ACCEPT_ENCODING, ACCEPTED_ENCODINGS);
  }

  private static Http2Headers statusHeaders(Http2Headers headers, OtlpError error) {
    // binary headers: base64, emitted without padding (PROTOCOL-HTTP2.md, "Custom-Metadata")
    String details = Base64.getEncoder().withoutPadding().encodeToString(error.toProtobuf());
    return headers
        .set(GRPC_STATUS, Integer.toString(error.code().getNumber()))
        .set(GRPC_MESSAGE, percentEncode(error.message()))
        .set(GRPC_STATUS_DETAILS, details);
  }

  /**
   * {@code grpc-message} is Percent-Encoded (PROTOCOL-HTTP2.md): the UTF-8 bytes outside {@code
   * 0x20-0x7E}, and {@code %} itself, become {@code %XX} with upper-case hex digits.
   */
  static String percentEncode(String message) {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c >= 0x20 && c <= 0x7e && c != '%') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }
}
