package io.k3j.registry.internal.http;

import io.k3j.registry.internal.store.Digest;
import io.k3j.registry.internal.store.UploadSession;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code POST /v2/<name>/blobs/uploads/}: a new upload (end-4a), a single-request monolithic upload
 * with {@code ?digest=} (end-4b) or a cross-repository mount (end-11). A mount of a blob we hold
 * succeeds whatever {@code from} says (spec: automatic content discovery); otherwise a new upload
 * starts.
 */
final class UploadStartEndpoint implements Endpoint {
  private final EndpointContext context;

  UploadStartEndpoint(EndpointContext context) {
    this.context = context;
  }

  private record Mounted(Digest digest) {}

  @Override
  public void begin(Exchange ex) throws Exception {
    if (!ex.method().equals(HttpMethod.POST)) {
      throw new io.k3j.registry.internal.oci.OciException(
          io.k3j.registry.internal.oci.ErrorCode.UNSUPPORTED, "use POST to start an upload");
    }
    context.requireWritable();
    String mount = ex.route().param("mount");
    if (mount != null) {
      Digest digest = BlobEndpoint.digest(mount);
      if (context.store().mount(ex.repository(), digest)) {
        ex.state(new Mounted(digest));
        return;
      }
    }
    UploadSession session = context.store().uploads().start(ex.repository());
    ex.state(session);
    if (ex.route().param("digest") != null) {
      ex.body(new UploadBody(session));
    }
  }

  @Override
  public void complete(Exchange ex) throws Exception {
    Object state = ex.state();
    if (state instanceof Mounted mounted) {
      created(ex, mounted.digest());
      return;
    }
    UploadSession session = (UploadSession) state;
    String digestParam = ex.route().param("digest");
    if (digestParam != null) {
      Digest digest = BlobEndpoint.digest(digestParam);
      context.store().commitUpload(session, digest);
      created(ex, digest);
      return;
    }
    FullHttpResponse response = Responses.empty(HttpResponseStatus.ACCEPTED);
    UploadHeaders.describe(response, ex.route().name(), session);
    Responses.send(ex, response);
  }

  static void created(Exchange ex, Digest digest) {
    FullHttpResponse response = Responses.empty(HttpResponseStatus.CREATED);
    response
        .headers()
        .set(HttpHeaderNames.LOCATION, "/v2/" + ex.route().name() + "/blobs/" + digest);
    response.headers().set("Docker-Content-Digest", digest.toString());
    Responses.send(ex, response);
  }
}
