package io.k3j.registry.internal.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.registry.internal.store.Digest;
import io.k3j.registry.internal.store.MediaTypes;
import io.k3j.registry.internal.store.Referrer;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;

/**
 * {@code GET /v2/<name>/referrers/<digest>?artifactType=} (end-12): an image index of the manifests
 * whose subject is the digest; an unknown subject gives an empty index, never 404.
 */
final class ReferrersEndpoint implements Endpoint {
  private final EndpointContext context;

  ReferrersEndpoint(EndpointContext context) {
    this.context = context;
  }

  @Override
  public void complete(Exchange ex) throws IOException {
    Digest subject = BlobEndpoint.digest(ex.route().reference());
    String filter = ex.route().param("artifactType");
    ObjectNode index = Responses.JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    ArrayNode manifests = index.putArray("manifests");
    for (Referrer r : context.store().index().referrers(ex.repository(), subject)) {
      if (filter != null && !filter.equals(r.artifactType())) {
        continue;
      }
      ObjectNode d = manifests.addObject();
      d.put("mediaType", r.mediaType());
      d.put("digest", r.digest().toString());
      d.put("size", r.size());
      if (r.artifactType() != null) {
        d.put("artifactType", r.artifactType());
      }
      if (r.annotationsJson() != null) {
        d.set("annotations", Responses.JSON.readTree(r.annotationsJson()));
      }
    }
    FullHttpResponse response =
        Responses.response(
            HttpResponseStatus.OK, Responses.JSON.writeValueAsBytes(index), MediaTypes.OCI_INDEX);
    if (filter != null) {
      response.headers().set("OCI-Filters-Applied", "artifactType");
    }
    Responses.send(ex, response);
  }
}
