package io.k3j.registry.internal.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k3j.registry.internal.store.Digest;
import io.k3j.registry.internal.store.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Manifest and tag requests to an upstream. Every modern manifest type is accepted so the upstream
 * never converts (spec §content negotiation); the bytes are kept exactly and their digest checked.
 */
final class ManifestFetcher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> ACCEPT =
      Map.of("Accept", String.join(", ", MediaTypes.ALL_MANIFESTS));

  private final int maxBytes;

  ManifestFetcher(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  record Fetched(Digest digest, String mediaType, byte[] bytes) {}

  /** What a HEAD of a tag found: nothing (404), or a manifest whose digest may be unknown. */
  record TagHead(boolean found, Optional<Digest> digest) {}

  /** The digest a tag points at upstream, via HEAD (not counted against Docker Hub pull limits). */
  TagHead headDigest(UpstreamClient client, String repository, String tag, Duration timeout)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        client.send(
            "HEAD", path(repository, tag), ACCEPT, PullThrough.pullScope(repository), timeout);
    response.body().close();
    if (response.statusCode() == 404) {
      return new TagHead(false, Optional.empty());
    }
    if (response.statusCode() != 200) {
      throw new IOException("HEAD manifest answered " + response.statusCode());
    }
    return new TagHead(
        true, response.headers().firstValue("Docker-Content-Digest").map(Digest::parse));
  }

  /** The manifest by tag or digest; empty when upstream does not have it. */
  Optional<Fetched> get(
      UpstreamClient client, String repository, String reference, Duration timeout)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        client.send(
            "GET", path(repository, reference), ACCEPT, PullThrough.pullScope(repository), timeout);
    byte[] bytes;
    try (InputStream in = response.body()) {
      if (response.statusCode() == 404) {
        return Optional.empty();
      }
      if (response.statusCode() != 200) {
        throw new IOException("GET manifest answered " + response.statusCode());
      }
      bytes = in.readNBytes(maxBytes + 1);
    }
    if (bytes.length > maxBytes) {
      throw new IOException("upstream manifest exceeds " + maxBytes + " bytes");
    }
    Digest digest =
        Digest.looksLikeDigest(reference)
            ? Digest.parse(reference)
            : response
                .headers()
                .firstValue("Docker-Content-Digest")
                .map(Digest::parse)
                .orElse(Digest.sha256(bytes));
    if (!Digest.of(digest.algorithm(), bytes).equals(digest)) {
      throw new IOException("upstream manifest does not match digest " + digest);
    }
    String mediaType = declaredMediaType(bytes);
    if (mediaType.isEmpty()) {
      mediaType = MediaTypes.bare(response.headers().firstValue("Content-Type").orElse(null));
    }
    return Optional.of(new Fetched(digest, mediaType, bytes));
  }

  Optional<List<String>> tags(
      UpstreamClient client, String repository, String last, int limit, Duration timeout)
      throws IOException, InterruptedException {
    String query =
        "?n="
            + limit
            + (last == null ? "" : "&last=" + URLEncoder.encode(last, StandardCharsets.UTF_8));
    HttpResponse<InputStream> response =
        client.send(
            "GET",
            "/v2/" + repository + "/tags/list" + query,
            Map.of(),
            PullThrough.pullScope(repository),
            timeout);
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        return Optional.empty();
      }
      JsonNode body = JSON.readTree(in);
      List<String> tags = new ArrayList<>();
      body.path("tags").forEach(t -> tags.add(t.asText()));
      tags.sort(String::compareTo);
      return Optional.of(tags.size() > limit ? tags.subList(0, limit) : tags);
    }
  }

  /** The manifest's own mediaType field; preferred over a generic upstream Content-Type. */
  private static String declaredMediaType(byte[] bytes) {
    try {
      return JSON.readTree(bytes).path("mediaType").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  private static String path(String repository, String reference) {
    return "/v2/" + repository + "/manifests/" + reference;
  }
}
