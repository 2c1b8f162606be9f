package io.k3j.benchmarks.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurlBlobFetcherTest {

  @Test
  @DisplayName(
      "curl fetches every blob of an image from a real docker-registry, verified, and a missing or"
          + " wrongly sized blob fails the fetch")
  void fetchesAndChecksEveryBlob(@TempDir Path dir) throws Exception {
    BenchImage image = BenchImage.create(dir.resolve("image"), 5, 300_000, 9);
    try (ServerProcess registry = ServerProcess.dockerRegistry(dir.resolve("registry"), null)) {
      image.push(HttpClient.newHttpClient(), registry.url(), "bench/curl", "v1");
      List<BlobFetcher.Blob> blobs =
          image.blobs().stream().map(b -> new BlobFetcher.Blob(b.digest(), b.size())).toList();
      long total = blobs.stream().mapToLong(BlobFetcher.Blob::size).sum();

      try (CurlBlobFetcher verified = new CurlBlobFetcher(2, dir.resolve("scratch"));
          CurlBlobFetcher discarded = new CurlBlobFetcher(3, null)) {
        assertThat(verified.fetch(registry.url(), "bench/curl", blobs)).isEqualTo(total);
        assertThat(discarded.fetch(registry.url(), "bench/curl", blobs)).isEqualTo(total);
        try (var left = Files.list(dir.resolve("scratch"))) {
          assertThat(left).as("verified blobs are deleted").isEmpty();
        }

        String missing = "sha256:" + "0".repeat(64);
        assertThatThrownBy(
                () ->
                    discarded.fetch(
                        registry.url(), "bench/curl", List.of(new BlobFetcher.Blob(missing, 1))))
            .hasMessageContaining(missing + " answered 404");
        BlobFetcher.Blob first = blobs.get(1);
        assertThatThrownBy(
                () ->
                    discarded.fetch(
                        registry.url(),
                        "bench/curl",
                        List.of(new BlobFetcher.Blob(first.digest(), first.size() + 1))))
            .hasMessageContaining("had " + first.size() + " of " + (first.size() + 1) + " bytes");
      }
    }
  }
}
