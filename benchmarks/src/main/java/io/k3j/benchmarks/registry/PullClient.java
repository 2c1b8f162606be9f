package io.k3j.benchmarks.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pulls an image the way a container runtime does: the manifest by tag (through the JDK HTTP
 * client), then the config and the layers by digest through a {@link BlobFetcher}. Bodies are
 * counted (and hashed when asked); a short or failed blob fails the pull.
 */
final class PullClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCEPT =
      BenchImage.MANIFEST_TYPE + ", application/vnd.docker.distribution.manifest.v2+json";

  /** One finished pull: bytes received (manifest and blobs) and wall time. */
  record Pull(long bytes, long nanos) {
    double megabytesPerSecond() {
      return bytes / 1e6 / (nanos / 1e9);
    }

    double seconds() {
      return nanos / 1e9;
    }
  }

  private final HttpClient http;
  private final BlobFetcher blobs;

  private PullClient(HttpClient http, BlobFetcher blobs) {
    this.http = http;
    this.blobs = blobs;
  }

  /** Blobs through the JDK HTTP client too, {@code streams} at a time. */
  static PullClient jdk(int streams, boolean verify) {
    HttpClient http = newHttpClient();
    return new PullClient(http, new JdkBlobFetcher(http, streams, verify));
  }

  /**
   * Blobs through curl, {@code streams} at a time; verified in {@code scratch} unless it is null.
   */
  static PullClient curl(int streams, Path scratch) throws IOException {
    return new PullClient(newHttpClient(), new CurlBlobFetcher(streams, scratch));
  }

  Pull pull(String registry, String repository, String tag) throws Exception {
    long started = System.nanoTime();
    HttpResponse<byte[]> manifest =
        http.send(
            HttpRequest.newBuilder(URI.create(registry + "/v2/" + repository + "/manifests/" + tag))
                .header("Accept", ACCEPT)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (manifest.statusCode() != 200) {
      throw new IOException(
          registry + ": manifest " + repository + ":" + tag + " answered " + manifest.statusCode());
    }
    JsonNode root = JSON.readTree(manifest.body());
    List<BlobFetcher.Blob> descriptors = new ArrayList<>();
    descriptors.add(blob(root.get("config")));
    root.get("layers").forEach(layer -> descriptors.add(blob(layer)));
    long bytes = manifest.body().length + blobs.fetch(registry, repository, descriptors);
    return new Pull(bytes, System.nanoTime() - started);
  }

  private static BlobFetcher.Blob blob(JsonNode descriptor) {
    return new BlobFetcher.Blob(descriptor.get("digest").asText(), descriptor.get("size").asLong());
  }

  private static HttpClient newHttpClient() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @Override
  public void close() {
    blobs.close();
  }
}
