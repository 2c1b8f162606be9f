package io.k3j.registry.internal.http;

import io.k3j.registry.internal.http.Route.Kind;
import java.util.EnumMap;
import java.util.Map;

/** One endpoint per route kind. */
public final class Endpoints {
  private final Map<Kind, Endpoint> byKind = new EnumMap<>(Kind.class);
  private final EndpointContext context;

  public Endpoints(EndpointContext context) {
    this.context = context;
    byKind.put(Kind.BASE, InfoEndpoints.base());
    byKind.put(Kind.HEALTH, InfoEndpoints.health());
    byKind.put(Kind.METRICS, InfoEndpoints.metrics(context));
    byKind.put(Kind.NOT_FOUND, InfoEndpoints.notFound());
    byKind.put(Kind.CATALOG, new CatalogEndpoint(context));
    byKind.put(Kind.TAGS, new TagsEndpoint(context));
    byKind.put(Kind.MANIFEST, new ManifestEndpoint(context));
    byKind.put(Kind.BLOB, new BlobEndpoint(context));
    byKind.put(Kind.UPLOAD_START, new UploadStartEndpoint(context));
    byKind.put(Kind.UPLOAD, new UploadEndpoint(context));
    byKind.put(Kind.REFERRERS, new ReferrersEndpoint(context));
  }

  public Endpoint forKind(Kind kind) {
    return byKind.get(kind);
  }

  public EndpointContext context() {
    return context;
  }
}
