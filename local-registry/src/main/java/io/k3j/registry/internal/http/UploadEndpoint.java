package io.k3j.registry.internal.http;

import io.k3j.registry.internal.oci.ErrorCode;
import io.k3j.registry.internal.oci.OciException;
import io.k3j.registry.internal.store.Digest;
import io.k3j.registry.internal.store.UploadSession;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code /v2/<name>/blobs/uploads/<id>}: PATCH a chunk or a stream (end-5), PUT to close (end-6),
 * GET the status (end-13), DELETE to cancel (end-14).
 */
final class UploadEndpoint implements Endpoint {
  private final EndpointContext context;

  UploadEndpoint(EndpointContext context) {
    this.context = context;
  }

  @Override
  public void begin(Exchange ex) {
    UploadSession session =
        context
            .store()
            .uploads()
            .find(ex.repository(), ex.route().reference())
            .orElseThrow(
                () ->
                    new OciException(
                        ErrorCode.BLOB_UPLOAD_UNKNOWN, "no upload " + ex.route().reference()));
    ex.state(session);
    HttpMethod method = ex.method();
    if (method.equals(HttpMethod.PATCH) || method.equals(HttpMethod.PUT)) {
      context.requireWritable();
      UploadHeaders.checkContentRange(
          ex.header(HttpHeaderNames.CONTENT_RANGE), ex.route().name(), session);
      ex.body(new UploadBody(session));
    }
  }

  @Override
  public void complete(Exchange ex) throws Exception {
    UploadSession session = ex.state();
    HttpMethod method = ex.method();
    if (method.equals(HttpMethod.PATCH)) {
      FullHttpResponse response = Responses.empty(HttpResponseStatus.ACCEPTED);
      UploadHeaders.describe(response, ex.route().name(), session);
      Responses.send(ex, response);
    } else if (method.equals(HttpMethod.PUT)) {
      String digestParam = ex.route().param("digest");
      if (digestParam == null) {
        throw new OciException(ErrorCode.DIGEST_INVALID, "PUT needs ?digest=");
      }
      Digest digest = BlobEndpoint.digest(digestParam);
      context.store().commitUpload(session, digest);
      UploadStartEndpoint.created(ex, digest);
    } else if (method.equals(HttpMethod.GET)) {
      FullHttpResponse response = Responses.empty(HttpResponseStatus.NO_CONTENT);
      UploadHeaders.describe(response, ex.route().name(), session);
      Responses.send(ex, response);
    } else if (method.equals(HttpMethod.DELETE)) {
      context.store().uploads().cancel(session);
      Responses.send(ex, Responses.empty(HttpResponseStatus.NO_CONTENT));
    } else {
      throw new OciException(ErrorCode.UNSUPPORTED, method + " is not allowed on uploads");
    }
  }
}
