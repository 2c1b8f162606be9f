package io.k3j.registry.internal.http;

import io.k3j.registry.internal.oci.ErrorCode;
import io.k3j.registry.internal.oci.OciException;
import io.k3j.registry.internal.store.Digest;
import io.k3j.registry.internal.store.Origin;
import io.k3j.registry.internal.store.StoredManifest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/** {@code /v2/<name>/manifests/<reference>}: end-3 (GET/HEAD), end-7 (PUT), end-9 (DELETE). */
final class ManifestEndpoint implements Endpoint {
  private final EndpointContext context;

  ManifestEndpoint(EndpointContext context) {
    this.context = context;
  }

  @Override
  public void begin(Exchange ex) {
    if (ex.method().equals(HttpMethod.PUT)) {
      context.requireWritable();
      requireReference(ex.route().reference());
      ex.body(new BufferedBody(context.maxManifestBytes()));
    } else if (ex.method().equals(HttpMethod.DELETE)) {
      context.requireWritable();
    }
  }

  @Override
  public void complete(Exchange ex) {
    String reference = ex.route().reference();
    HttpMethod method = ex.method();
    if (method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)) {
      StoredManifest manifest =
          context
              .source()
              .manifest(ex.repository(), reference)
              .orElseThrow(
                  () ->
                      new OciException(
                          ErrorCode.MANIFEST_UNKNOWN,
                          "manifest " + reference + " not found in " + ex.repository()));
      FullHttpResponse response =
          Responses.response(HttpResponseStatus.OK, manifest.bytes(), manifest.mediaType());
      response.headers().set("Docker-Content-Digest", manifest.digest().toString());
      response.headers().set(HttpHeaderNames.ETAG, "\"" + manifest.digest() + "\"");
      Responses.send(ex, response);
      if (method.equals(HttpMethod.GET)) {
        context.metrics().served(ex.repository(), manifest.size());
      }
    } else if (method.equals(HttpMethod.PUT)) {
      put(ex, reference);
    } else if (method.equals(HttpMethod.DELETE)) {
      context.store().deleteManifest(ex.repository(), reference);
      Responses.send(ex, Responses.empty(HttpResponseStatus.ACCEPTED));
    } else {
      throw new OciException(ErrorCode.UNSUPPORTED, method + " is not allowed on manifests");
    }
  }

  private void put(Exchange ex, String reference) {
    byte[] bytes = ((BufferedBody) ex.body()).bytes();
    String contentType = ex.header(HttpHeaderNames.CONTENT_TYPE);
    Digest digest =
        context.store().putManifest(ex.repository(), reference, bytes, contentType, Origin.PUSHED);
    FullHttpResponse response = Responses.empty(HttpResponseStatus.CREATED);
    for (String tag : ex.route().params("tag")) {
      requireReference(tag);
      context.store().tag(ex.repository(), tag, digest);
      response.headers().add("OCI-Tag", tag);
    }
    response
        .headers()
        .set(HttpHeaderNames.LOCATION, "/v2/" + ex.route().name() + "/manifests/" + digest);
    response.headers().set("Docker-Content-Digest", digest.toString());
    StoredManifest stored =
        new StoredManifest(
            digest, io.k3j.registry.internal.store.MediaTypes.bare(contentType), bytes);
    context
        .store()
        .parsed(stored)
        .subject()
        .ifPresent(subject -> response.headers().set("OCI-Subject", subject.toString()));
    Responses.send(ex, response);
  }

  private static void requireReference(String reference) {
    if (!Digest.looksLikeDigest(reference) && !Names.isTag(reference)) {
      throw new OciException(ErrorCode.MANIFEST_INVALID, "invalid tag: " + reference);
    }
  }
}
