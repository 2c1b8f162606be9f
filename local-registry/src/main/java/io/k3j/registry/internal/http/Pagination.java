package io.k3j.registry.internal.http;

import io.k3j.registry.internal.oci.ErrorCode;
import io.k3j.registry.internal.oci.OciException;
import io.netty.handler.codec.http.FullHttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code n} / {@code last} parameters and the RFC 8288 {@code Link} header of list endpoints.
 */
record Pagination(int limit, String last) {
  static final int UNLIMITED = 100_000;

  static Pagination of(Route route) {
    String n = route.param("n");
    int limit = UNLIMITED;
    if (n != null) {
      try {
        limit = Integer.parseInt(n);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 0) {
        throw new OciException(ErrorCode.PAGINATION_NUMBER_INVALID, "n must be a number >= 0");
      }
    }
    return new Pagination(Math.min(limit, UNLIMITED), route.param("last"));
  }

  /** One page of names, and the RFC 8288 {@code Link} value to the next page (null on the last). */
  record Page(List<String> items, String link) {
    /** Sets the {@code Link} header on {@code response} when there is a next page. */
    void link(FullHttpResponse response) {
      if (link != null) {
        response.headers().set("Link", link);
      }
    }
  }

  /** Trims a page fetched with {@code limit + 1} rows and links the next one when more remain. */
  Page page(List<String> fetched, String path) {
    if (fetched.size() <= limit) {
      return new Page(fetched, null);
    }
    List<String> page = fetched.subList(0, limit);
    String next =
        path
            + "?n="
            + limit
            + "&last="
            + URLEncoder.encode(page.get(limit - 1), StandardCharsets.UTF_8);
    return new Page(page, "<" + next + ">; rel=\"next\"");
  }
}
