package io.k3j.registry.internal.http;

import io.k3j.registry.internal.oci.ErrorCode;
import io.k3j.registry.internal.oci.OciException;
import io.k3j.registry.internal.store.BlobContent;
import io.k3j.registry.internal.store.Digest;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.EventExecutor;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code /v2/<name>/blobs/<digest>}: end-2 (GET/HEAD, with Range) and end-10 (DELETE). */
final class BlobEndpoint implements Endpoint {
  /** Bytes read per step when the blob has to pass through TLS. */
  private static final int TLS_CHUNK = 256 * 1024;

  private final EndpointContext context;

  BlobEndpoint(EndpointContext context) {
    this.context = context;
  }

  @Override
  public void complete(Exchange ex) throws Exception {
    Digest digest = digest(ex.route().reference());
    HttpMethod method = ex.method();
    if (method.equals(HttpMethod.DELETE)) {
      context.requireWritable();
      context.store().deleteBlob(ex.repository(), digest);
      Responses.send(ex, Responses.empty(HttpResponseStatus.ACCEPTED));
      return;
    }
    if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
      throw new OciException(ErrorCode.UNSUPPORTED, method + " is not allowed on blobs");
    }
    BlobContent blob =
        context
            .source()
            .blob(ex.repository(), digest)
            .orElseThrow(
                () ->
                    new OciException(
                        ErrorCode.BLOB_UNKNOWN,
                        "blob " + digest + " not found in " + ex.repository()));
    Optional<ByteRange> range = ByteRange.parse(ex.header(HttpHeaderNames.RANGE), blob.size());
    long start = range.map(ByteRange::start).orElse(0L);
    long length = range.map(ByteRange::length).orElse(blob.size());
    HttpResponse head =
        new DefaultHttpResponse(
            HttpVersion.HTTP_1_1,
            range.isPresent() ? HttpResponseStatus.PARTIAL_CONTENT : HttpResponseStatus.OK);
    HttpHeaders headers = head.headers();
    headers.set(Responses.API_VERSION, "registry/2.0");
    headers.set("Docker-Content-Digest", digest.toString());
    headers.set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
    headers.set(HttpHeaderNames.ACCEPT_RANGES, "bytes");
    headers.set(HttpHeaderNames.ETAG, "\"" + digest + "\"");
    headers.set(HttpHeaderNames.CACHE_CONTROL, "max-age=31536000");
    headers.set(HttpHeaderNames.CONTENT_LENGTH, length);
    range.ifPresent(
        r ->
            headers.set(
                HttpHeaderNames.CONTENT_RANGE,
                "bytes " + r.start() + "-" + r.endInclusive() + "/" + blob.size()));
    boolean keepAlive = Responses.keepAlive(ex, head);
    ex.ctx().write(head);
    ChannelFuture last;
    boolean tls = ex.ctx().pipeline().get(SslHandler.class) != null;
    if (method.equals(HttpMethod.HEAD) || length == 0) {
      last = ex.ctx().writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    } else if (blob.verified()) {
      // Plain HTTP: sendfile from the page cache. TLS has to encrypt the bytes: large chunks.
      ex.ctx()
          .write(
              tls
                  ? new ChunkedNioFile(blob.open(), start, length, TLS_CHUNK)
                  : new DefaultFileRegion(blob.open(), start, length));
      last = ex.ctx().writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
      context.metrics().served(ex.repository(), length);
    } else {
      // Still being fetched: what is on disk, then a pause until the fetch reports progress.
      ChunkedWriteHandler chunked = ex.ctx().pipeline().get(ChunkedWriteHandler.class);
      blob.onProgress(resumeOnce(ex.ctx().executor(), chunked));
      ex.ctx()
          .write(
              tls
                  ? new GrowingBlobInput(blob, start, start + length)
                  : new GrowingBlobRegions(blob, start, start + length));
      last = ex.ctx().writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
      context.metrics().served(ex.repository(), length);
    }
    if (!keepAlive) {
      last.addListener(ChannelFutureListener.CLOSE);
    }
    last.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
  }

  /**
   * Resumes {@code chunked} on its event loop after fetch progress, with at most one resume queued
   * at a time: progress reported while one is queued is covered by it, since a resumed transfer
   * sends everything on disk by then. Saves the fetch thread a task and a wake-up per write.
   */
  static Runnable resumeOnce(EventExecutor loop, ChunkedWriteHandler chunked) {
    AtomicBoolean queued = new AtomicBoolean();
    Runnable resume =
        () -> {
          queued.set(false);
          chunked.resumeTransfer();
        };
    return () -> {
      if (queued.compareAndSet(false, true)) {
        loop.execute(resume);
      }
    };
  }

  static Digest digest(String reference) {
    try {
      return Digest.parse(reference);
    } catch (IllegalArgumentException e) {
      throw new OciException(ErrorCode.DIGEST_INVALID, e.getMessage());
    }
  }
}
