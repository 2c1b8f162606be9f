package io.k3j.core.apiserver.openapi;

import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.ApiRequest;
import io.k3j.core.apiserver.resources.ResourceRegistry;
import io.k3j.core.apiserver.resources.ResourceType;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /openapi/v3} (the index of group-versions, each with a hashed URL) and {@code
 * /openapi/v3/api/v1} or {@code /openapi/v3/apis/{group}/{version}} (one OpenAPI 3.0 document per
 * group-version) for every kind the {@link ResourceRegistry} serves, custom resources included.
 * Documents are built on the first request, cached, and rebuilt when the registry's generation
 * changes. kubectl needs them for {@code apply} (field-validation detection, strategic-merge patch
 * keys) and {@code explain}. {@code /openapi/v2} is deliberately not served: clients ask for it
 * only as protobuf and fall back to v3 on a 404.
 */
public final class OpenApiHandler {
  private static final Logger log = LoggerFactory.getLogger(OpenApiHandler.class);

  private final ResourceRegistry registry;
  private final Clock clock;
  private final KindSchemas kinds = new KindSchemas(new ModelSchemas());
  private volatile OpenApiDocuments current;

  public OpenApiHandler(ResourceRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /**
   * Answers a request for {@code /openapi/v3/<path>}: {@code path} is empty for the index, else a
   * group-version path such as {@code api/v1} or {@code apis/apps/v1}. Errors are {@code Status}
   * replies: 404 for an unknown group-version, 405 for other methods than GET, 406 when the client
   * does not accept JSON.
   */
  public OpenApiReply handle(ApiRequest request, String path) {
    try {
      if (!request.method().equals("GET")) {
        throw new ApiException(
            405,
            "MethodNotAllowed",
            "the server does not allow this method on the requested resource: " + request.method());
      }
      requireJson(request.accept());
      OpenApiDocuments documents = documents();
      OpenApiDocuments.Document document =
          path.isEmpty()
              ? documents.index()
              : documents
                  .find(path)
                  .orElseThrow(
                      () ->
                          new ApiException(
                              404, "NotFound", "the server could not find the requested resource"));
      return new OpenApiReply(
          200,
          "application/json",
          document.json(),
          headers(document, path.isEmpty() ? null : request.param("hash")));
    } catch (ApiException e) {
      return OpenApiReply.error(e);
    }
  }

  /**
   * The registry generation the documents follow: while it stays the same, so does every document.
   */
  public long generation() {
    return registry.generation();
  }

  /** Builds the documents now rather than on the first request that needs them. */
  public void warmUp() {
    documents();
  }

  /** The group-version document that describes {@code type}, as JSON bytes with its hash. */
  OpenApiDocuments.Document documentOf(ResourceType type) {
    return documents().find(GroupVersionDocument.path(type)).orElseThrow();
  }

  /**
   * The ETag, and for a document asked for by its current hash the headers that let clients keep it
   * for good (kube-openapi handler3). A stale hash gets the current document uncached, where
   * upstream redirects to the new hash.
   */
  private Map<String, String> headers(OpenApiDocuments.Document document, String hash) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("ETag", "\"" + document.hash() + "\"");
    if (document.hash().equals(hash)) {
      headers.put("Vary", "Accept");
      headers.put("Cache-Control", "public, immutable");
      headers.put(
          "Expires",
          DateTimeFormatter.RFC_1123_DATE_TIME.format(
              clock.instant().atOffset(ZoneOffset.UTC).plusYears(1)));
    }
    return headers;
  }

  private OpenApiDocuments documents() {
    long generation = registry.generation();
    OpenApiDocuments documents = current;
    if (documents != null && documents.generation() == generation) {
      return documents;
    }
    synchronized (this) {
      documents = current;
      if (documents == null || documents.generation() != generation) {
        long started = clock.millis();
        documents = OpenApiDocuments.build(generation, registry.all(), documents, kinds);
        current = documents;
        log.info(
            "OpenAPI v3 documents for registry generation {} built in {} ms",
            generation,
            clock.millis() - started);
      }
      return documents;
    }
  }

  /** Only JSON is served; a client asking for protobuf alone gets a 406 it can act on. */
  private static void requireJson(String accept) {
    if (accept == null || accept.isBlank()) {
      return;
    }
    boolean json =
        Arrays.stream(accept.split(","))
            .map(range -> range.split(";")[0].trim())
            .anyMatch(
                range ->
                    range.equals("application/json")
                        || range.equals("application/*")
                        || range.equals("*/*"));
    if (!json) {
      throw new ApiException(
          406,
          "NotAcceptable",
          "only application/json is served for OpenAPI v3 documents; the request accepts "
              + accept);
    }
  }
}
