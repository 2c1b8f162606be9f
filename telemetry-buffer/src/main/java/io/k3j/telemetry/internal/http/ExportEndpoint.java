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
import java.util.concurrent.CompletionException;

/**
 * {@code POST /v1/{traces,metrics,logs}}: validate (the body is already gunzipped and within the
 * size limit; protobuf is checked and counted on the wire by {@link OtlpWire}, JSON is parsed and
 * converted), append, and answer 200 with an empty Export*ServiceResponse in the request's encoding
 * once the queue says the record is durable.
 */
final class ExportEndpoint {
  private static final byte[] EMPTY_JSON_RESPONSE = "{}".getBytes(StandardCharsets.UTF_8);
  private final Ingestor ingestor;

  ExportEndpoint(Ingestor ingestor) {
    this.ingestor = ingestor;
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
    if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
      HttpResponses.sendError(
          ctx,
          keepAlive,
          OtlpError.unsupportedMediaType(
              "unsupported content encoding '" + encoding + "', use gzip or none"),
          format);
      return;
    }
    byte[] body = ByteBufUtil.getBytes(request.content());
    byte[] payload;
    long items;
    try {
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
    }
    ingestor
        .ingest(signal, payload, items, format == BodyFormat.JSON)
        .whenComplete(
            (ok, failure) ->
                ctx.executor().execute(() -> respond(ctx, keepAlive, format, failure)));
  }

  private static void respond(
      ChannelHandlerContext ctx, boolean keepAlive, BodyFormat format, Throwable failure) {
    if (failure == null) {
      byte[] body = format == BodyFormat.JSON ? EMPTY_JSON_RESPONSE : new byte[0];
      HttpResponses.send(ctx, keepAlive, 200, format.contentType(), body);
      return;
    }
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    OtlpError error =
        cause instanceof OtlpErrorException otlp
            ? otlp.error()
            : OtlpError.unavailable("internal error: " + cause, java.time.Duration.ZERO);
    HttpResponses.sendError(ctx, keepAlive, error, format);
  }
}
