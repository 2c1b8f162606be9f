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
    Pagination.Page page = pagination.page(fetched, "/v2/_catalog");
    ObjectNode body = Responses.JSON.createObjectNode();
    page.items().forEach(body.putArray("repositories")::add);
    FullHttpResponse response = Responses.json(HttpResponseStatus.OK, body);
    page.link(response);
    Responses.send(ex, response);
  }
}
