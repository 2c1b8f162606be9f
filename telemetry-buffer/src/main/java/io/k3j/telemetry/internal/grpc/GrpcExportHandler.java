package io.k3j.telemetry.internal.grpc;

import io.k3j.telemetry.internal.http.GzipBody;
import io.k3j.telemetry.internal.ingest.Ingestor;
import io.k3j.telemetry.internal.otlp.InvalidOtlpException;
import io.k3j.telemetry.internal.otlp.OtlpError;
import io.k3j.telemetry.internal.otlp.OtlpErrorException;
import io.k3j.telemetry.internal.otlp.OtlpWire;
import io.k3j.telemetry.internal.otlp.Signal;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/2 stream, one unary Export call: check the request headers, collect the message, inflate
 * it ({@code grpc-encoding: gzip}) within the size limit, validate and count it on the wire with
 * {@link OtlpWire} as the OTLP/HTTP receiver does, append the bytes as they are, and answer once
 * the queue says the record is durable. Every refusal goes through {@link GrpcResponses} before
 * anything is stored; frames after a refusal are dropped.
 *
 * <p>A call with a {@code grpc-timeout} gets DEADLINE_EXCEEDED when it is not acknowledged within
 * that time from its headers (gRPC PROTOCOL-HTTP2.md, "Client Cancellation": the server tracks the
 * deadline it was given): a message not complete by then is not stored; one already handed to the
 * queue may still be stored, and the sender's retry is a duplicate, which OTLP allows.
 */
final class GrpcExportHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcExportHandler.class);
  private static final AsciiString GRPC_TIMEOUT = AsciiString.cached("grpc-timeout");

  private final Ingestor ingestor;
  private final int maxRequestBytes;
  private GrpcMessageReader reader;
  private Signal signal;
  private boolean gzip;
  private boolean requestEnded;
  private boolean answered;
  private boolean responded;
  private ScheduledFuture<?> deadline;

  GrpcExportHandler(Ingestor ingestor, int maxRequestBytes) {
    this.ingestor = ingestor;
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof Http2HeadersFrame headers) {
        requestEnded = headers.isEndStream();
        if (signal == null && !answered) {
          start(ctx, headers.headers());
        }
      } else if (msg instanceof Http2DataFrame data) {
        requestEnded = data.isEndStream();
        if (!answered) {
          reader.add(data.content());
        }
      }
      if (requestEnded && !answered) {
        finish(ctx);
      }
    } catch (OtlpErrorException e) {
      refuse(ctx, e.error());
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  /** Checks the call's headers (gRPC PROTOCOL-HTTP2.md, "Requests"). */
  private void start(ChannelHandlerContext ctx, Http2Headers headers) {
    if (!"POST".contentEquals(headers.method())) {
      refuseOverHttp(ctx, OtlpError.methodNotAllowed(String.valueOf(headers.method())));
      return;
    }
    CharSequence contentType = headers.get("content-type");
    if (!GrpcContentType.isProtobuf(contentType)) {
      refuseOverHttp(
          ctx,
          OtlpError.unsupportedMediaType(
              "content-type '"
                  + contentType
                  + "' is not a gRPC call, use application/grpc or application/grpc+proto"));
      return;
    }
    Signal route = GrpcRoutes.route(headers.path());
    if (route == null) {
      throw new OtlpErrorException(
          OtlpError.unimplemented("unknown method " + headers.path() + ", not an OTLP Export"));
    }
    CharSequence encoding = headers.get("grpc-encoding");
    gzip = encoding != null && "gzip".contentEquals(encoding);
    if (encoding != null && !gzip && !"identity".contentEquals(encoding)) {
      throw new OtlpErrorException(
          OtlpError.unimplemented(
              "message encoding '" + encoding + "' is not supported, use gzip or identity"));
    }
    long timeout;
    try {
      timeout = GrpcTimeout.nanos(headers.get(GRPC_TIMEOUT));
    } catch (IllegalArgumentException e) {
      refuseOverHttp(ctx, OtlpError.malformedHeader(e.getMessage()));
      return;
    }
    signal = route;
    reader = new GrpcMessageReader(maxRequestBytes, ctx.alloc());
    if (timeout != GrpcTimeout.NONE) {
      deadline =
          ctx.executor().schedule(() -> deadlineExceeded(ctx), timeout, TimeUnit.NANOSECONDS);
    }
  }

  private void finish(ChannelHandlerContext ctx) {
    answered = true;
    byte[] payload;
    long items;
    try {
      GrpcMessageReader.Message message = reader.finish();
      if (message.compressed() && !gzip) {
        throw new OtlpErrorException(
            OtlpError.internal("a compressed message without a grpc-encoding"));
      }
      payload =
          message.compressed()
              ? GzipBody.inflate(message.bytes(), maxRequestBytes)
              : ByteBufUtil.getBytes(message.bytes());
    } catch (InvalidOtlpException e) {
      // gRPC status codes: a message that cannot be decompressed is INTERNAL
      throw new OtlpErrorException(OtlpError.internal(e.getMessage()));
    } finally {
      releaseReader();
    }
    try {
      items = OtlpWire.countItems(signal, payload);
    } catch (InvalidOtlpException e) {
      throw new OtlpErrorException(OtlpError.invalid(e.getMessage()));
    }
    ingestor
        .ingest(signal, payload, items, false)
        .whenComplete((ok, failure) -> ctx.executor().execute(() -> answer(ctx, failure)));
  }

  private void answer(ChannelHandlerContext ctx, Throwable failure) {
    if (!respond() || !ctx.channel().isActive()) {
      return; // the deadline was answered, the client cancelled, or the connection is gone
    }
    if (failure == null) {
      GrpcResponses.sendOk(ctx);
    } else {
      GrpcResponses.sendError(ctx, OtlpError.of(failure), true);
    }
  }

  private void deadlineExceeded(ChannelHandlerContext ctx) {
    deadline = null;
    if (ctx.channel().isActive()) {
      refuse(ctx, OtlpError.deadlineExceeded());
    }
  }

  /** Marks the one answer of the call as given; false when it already was. */
  private boolean respond() {
    if (responded) {
      return false;
    }
    responded = true;
    cancelDeadline();
    return true;
  }

  private void cancelDeadline() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }

  /** Answers the call with a gRPC status (Trailers-Only). */
  private void refuse(ChannelHandlerContext ctx, OtlpError error) {
    answered = true;
    releaseReader();
    if (respond()) {
      GrpcResponses.sendError(ctx, error, requestEnded);
    }
  }

  /**
   * Answers with the error's HTTP status: a request that is no gRPC call (405, 415) or whose call
   * header breaks the protocol's grammar (400, {@link OtlpError#malformedHeader}).
   */
  private void refuseOverHttp(ChannelHandlerContext ctx, OtlpError error) {
    answered = true;
    if (respond()) {
      GrpcResponses.sendHttpError(ctx, error, requestEnded);
    }
  }

  private void releaseReader() {
    if (reader != null) {
      reader.release();
      reader = null;
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancelDeadline();
    releaseReader();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("closing OTLP/gRPC stream {}: {}", ctx.channel(), cause.toString());
    cancelDeadline();
    releaseReader();
    ctx.close();
  }
}
