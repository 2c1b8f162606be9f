package io.k3j.benchmarks.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pulls an image the way a container runtime does: the manifest by tag, then the config and the
 * layers by digest, {@code streams} at a time. Bodies are read and counted (and hashed when asked);
 * a short or failed blob fails the pull.
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
  private final ExecutorService downloads;
  private final boolean verify;

  PullClient(int streams, boolean verify) {
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    this.downloads = Executors.newFixedThreadPool(streams);
    this.verify = verify;
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
    List<JsonNode> descriptors = new ArrayList<>();
    descriptors.add(root.get("config"));
    root.get("layers").forEach(descriptors::add);
    List<Future<Long>> blobs = new ArrayList<>();
    for (JsonNode d : descriptors) {
      String digest = d.get("digest").asText();
      long size = d.get("size").asLong();
      blobs.add(downloads.submit(() -> blob(registry, repository, digest, size)));
    }
    long bytes = manifest.body().length;
    for (Future<Long> blob : blobs) {
      bytes += blob.get();
    }
    return new Pull(bytes, System.nanoTime() - started);
  }

  private long blob(String registry, String repository, String digest, long size)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(URI.create(registry + "/v2/" + repository + "/blobs/" + digest))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    MessageDigest sha = verify ? BenchImage.newSha256() : null;
    long read = 0;
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException(registry + ": blob " + digest + " answered " + response.statusCode());
      }
      byte[] buffer = new byte[256 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        read += n;
        if (sha != null) {
          sha.update(buffer, 0, n);
        }
      }
    }
    if (read != size) {
      throw new IOException(
          registry + ": blob " + digest + " had " + read + " of " + size + " bytes");
    }
    if (sha != null && !digest.equals("sha256:" + HexFormat.of().formatHex(sha.digest()))) {
      throw new IOException(registry + ": blob " + digest + " arrived corrupted");
    }
    return read;
  }

  @Override
  public void close() {
    downloads.shutdownNow();
  }
}
