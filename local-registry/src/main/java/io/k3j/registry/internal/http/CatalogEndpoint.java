package io.k3j.registry.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/** {@code GET /v2/_catalog?n=&last=}: repositories with manifests, paginated like tags. */
final class CatalogEndpoint implements Endpoint {
  private final EndpointContext context;

  CatalogEndpoint(EndpointContext context) {
    this.context = context;
  }

  @Override
  public void complete(Exchange ex) {
    Pagination pagination = Pagination.of(ex.route());
    List<String> fetched =
        pagination.limit() == 0
            ? List.of()
            : context.store().index().repositories(pagination.last(), pagination.limit() + 1);
    FullHttpResponse links = Responses.empty(HttpResponseStatus.OK);
    List<String> page = pagination.page(fetched, links, "/v2/_catalog");
    ObjectNode body = Responses.JSON.createObjectNode();
    page.forEach(body.putArray("repositories")::add);
    FullHttpResponse full = Responses.json(HttpResponseStatus.OK, body);
    full.headers().add(links.headers());
    links.release();
    Responses.send(ex, full);
  }
}
