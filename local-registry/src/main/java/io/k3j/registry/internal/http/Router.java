package io.k3j.registry.internal.http;

import io.k3j.registry.internal.http.Route.Kind;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a request URI to a {@link Route}; a pure function. Repository names may contain {@code
 * blobs} or {@code manifests} components, so the suffixes are matched from the right (distribution
 * spec, "Endpoints"); whatever precedes the suffix is the name.
 */
public final class Router {
  private static final Pattern MANIFEST = Pattern.compile("^/v2/(.+)/manifests/([^/]+)$");
  private static final Pattern BLOB = Pattern.compile("^/v2/(.+)/blobs/([^/]+)$");
  private static final Pattern UPLOAD_START = Pattern.compile("^/v2/(.+)/blobs/uploads/?$");
  private static final Pattern UPLOAD = Pattern.compile("^/v2/(.+)/blobs/uploads/([^/]+)$");
  private static final Pattern TAGS = Pattern.compile("^/v2/(.+)/tags/list$");
  private static final Pattern REFERRERS = Pattern.compile("^/v2/(.+)/referrers/([^/]+)$");

  private Router() {}

  public static Route route(String uri) {
    QueryStringDecoder decoder = new QueryStringDecoder(uri);
    String path = decoder.path();
    Map<String, java.util.List<String>> query = decoder.parameters();
    switch (path) {
      case "/v2", "/v2/":
        return new Route(Kind.BASE, null, null, query);
      case "/v2/_catalog":
        return new Route(Kind.CATALOG, null, null, query);
      case "/healthz", "/readyz":
        return new Route(Kind.HEALTH, null, null, query);
      case "/metrics":
        return new Route(Kind.METRICS, null, null, query);
      default:
        break;
    }
    Matcher m;
    if ((m = UPLOAD.matcher(path)).matches()) {
      return new Route(Kind.UPLOAD, m.group(1), m.group(2), query);
    }
    if ((m = UPLOAD_START.matcher(path)).matches()) {
      return new Route(Kind.UPLOAD_START, m.group(1), null, query);
    }
    if ((m = MANIFEST.matcher(path)).matches()) {
      return new Route(Kind.MANIFEST, m.group(1), m.group(2), query);
    }
    if ((m = BLOB.matcher(path)).matches()) {
      return new Route(Kind.BLOB, m.group(1), m.group(2), query);
    }
    if ((m = TAGS.matcher(path)).matches()) {
      return new Route(Kind.TAGS, m.group(1), null, query);
    }
    if ((m = REFERRERS.matcher(path)).matches()) {
      return new Route(Kind.REFERRERS, m.group(1), m.group(2), query);
    }
    return new Route(Kind.NOT_FOUND, null, null, query);
  }
}
