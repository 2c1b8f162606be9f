package io.k3j.registry.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.registry.internal.oci.ErrorCode;
import io.k3j.registry.internal.oci.OciException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/** {@code GET /v2/<name>/tags/list?n=&last=} (end-8): lexically ordered, paginated with Link. */
final class TagsEndpoint implements Endpoint {
  private final EndpointContext context;

  TagsEndpoint(EndpointContext context) {
    this.context = context;
  }

  @Override
  public void complete(Exchange ex) {
    Pagination pagination = Pagination.of(ex.route());
    List<String> fetched =
        pagination.limit() == 0
            ? List.of()
            : context
                .source()
                .tags(ex.repository(), pagination.last(), pagination.limit() + 1)
                .orElseThrow(
                    () ->
                        new OciException(
                            ErrorCode.NAME_UNKNOWN,
                            "repository " + ex.repository() + " not known"));
    Pagination.Page page = pagination.page(fetched, "/v2/" + ex.route().name() + "/tags/list");
    ObjectNode body = Responses.JSON.createObjectNode();
    body.put("name", ex.route().name());
    page.items().forEach(body.putArray("tags")::add);
    FullHttpResponse response = Responses.json(HttpResponseStatus.OK, body);
    page.link(response);
    Responses.send(ex, response);
  }
}
