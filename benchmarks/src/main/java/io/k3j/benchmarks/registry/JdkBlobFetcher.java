package io.k3j.benchmarks.registry;

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
 * Blob bodies through the JDK HTTP client, {@code streams} at a time on threads of their own, each
 * read into a 256 KiB array on the heap (and hashed when asked): what a registry client written in
 * Java costs.
 */
final class JdkBlobFetcher implements BlobFetcher {
  private final HttpClient http;
  private final ExecutorService downloads;
  private final boolean verify;

  JdkBlobFetcher(HttpClient http, int streams, boolean verify) {
    this.http = http;
    this.downloads = Executors.newFixedThreadPool(streams);
    this.verify = verify;
  }

  @Override
  public long fetch(String registry, String repository, List<Blob> blobs) throws Exception {
    List<Future<Long>> downloaded = new ArrayList<>();
    for (Blob blob : blobs) {
      downloaded.add(downloads.submit(() -> blob(registry, repository, blob)));
    }
    long bytes = 0;
    for (Future<Long> blob : downloaded) {
      bytes += blob.get();
    }
    return bytes;
  }

  private long blob(String registry, String repository, Blob blob)
      throws IOException, InterruptedException {
    String digest = blob.digest();
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
    if (read != blob.size()) {
      throw new IOException(
          registry + ": blob " + digest + " had " + read + " of " + blob.size() + " bytes");
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
