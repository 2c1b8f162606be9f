package io.k3j.telemetry.internal.http;

import com.google.protobuf.Message;
import io.k3j.telemetry.internal.ingest.Ingestor;
import io.k3j.telemetry.internal.otlp.InvalidOtlpException;
import io.k3j.telemetry.internal.otlp.OtlpError;
import io.k3j.telemetry.internal.otlp.OtlpErrorException;
import io.k3j.telemetry.internal.otlp.OtlpRequests;
import io.k3j.telemetry.internal.otlp.OtlpWire;
import io.k3j.telemetry.internal.otlp.Signal;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /v1/{traces,metrics,logs}}: bring the body to its content (a gzip body is inflated
 * here by {@link GzipBody}, other encodings were decoded in the pipeline) within the size limit,
 * validate (protobuf is checked and counted on the wire by {@link OtlpWire}, JSON is parsed and
 * converted), append, and answer 200 with an empty Export*ServiceResponse in the request's encoding
 * once the queue says the record is durable.
 */
final class ExportEndpoint {
  private static final byte[] EMPTY_JSON_RESPONSE = "{}".getBytes(StandardCharsets.UTF_8);
  private final Ingestor ingestor;
  private final int maxRequestBytes;

  ExportEndpoint(Ingestor ingestor, int maxRequestBytes) {
    this.ingestor = ingestor;
    this.maxRequestBytes = maxRequestBytes;
  }

  void handle(ChannelHandlerContext ctx, FullHttpRequest request, Signal signal) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
    BodyFormat format = BodyFormat.of(contentType);
    if (format == null) {
      HttpResponses.sendError(
          ctx,
          keepAlive,
          OtlpError.unsupportedMediaType(
              "unsupported content type '" + contentType + "', use " + BodyFormat.SUPPORTED),
          BodyFormat.PROTOBUF);
      return;
    }
    String encoding = request.headers().get(HttpHeaderNames.CONTENT_ENCODING);
    boolean gzip = GzipBody.isGzip(encoding);
    if (encoding != null && !gzip && !encoding.equalsIgnoreCase("identity")) {
      HttpResponses.sendError(
          ctx,
          keepAlive,
          OtlpError.unsupportedMediaType(
              "unsupported content encoding '" + encoding + "', use gzip or none"),
          format);
      return;
    }
    byte[] payload;
    long items;
    try {
      byte[] body = body(request, gzip);
      if (format == BodyFormat.JSON && body.length > 0) {
        Message message = OtlpRequests.parseJson(signal, body);
        payload = message.toByteArray();
        items = OtlpRequests.countItems(message);
      } else {
        // validated and counted on the wire; the bytes are stored as they came
        payload = body;
        items = OtlpWire.countItems(signal, body);
      }
    } catch (InvalidOtlpException e) {
      HttpResponses.sendError(ctx, keepAlive, OtlpError.invalid(e.getMessage()), format);
      return;
    } catch (OtlpErrorException e) {
      HttpResponses.sendError(ctx, false, e.error(), format);
      return;
    }
    ingestor
        .ingest(signal, payload, items, format == BodyFormat.JSON)
        .whenComplete(
            (ok, failure) ->
                ctx.executor().execute(() -> respond(ctx, keepAlive, format, failure)));
  }

  /** The content, at most {@code maxRequestBytes}, or an {@link OtlpErrorException} with 413. */
  private byte[] body(FullHttpRequest request, boolean gzip) throws InvalidOtlpException {
    if (gzip) {
      return GzipBody.inflate(request.content(), maxRequestBytes);
    }
    if (request.content().readableBytes() > maxRequestBytes) {
      throw new OtlpErrorException(OtlpError.tooLarge(maxRequestBytes));
    }
    return ByteBufUtil.getBytes(request.content());
  }

  private static void respond(
      ChannelHandlerContext ctx, boolean keepAlive, BodyFormat format, Throwable failure) {
    if (failure == null) {
      byte[] body = format == BodyFormat.JSON ? EMPTY_JSON_RESPONSE : new byte[0];
      HttpResponses.send(ctx, keepAlive, 200, format.contentType(), body);
      return;
    }
    HttpResponses.sendError(ctx, keepAlive, OtlpError.of(failure), format);
  }
}
