package io.k3j.benchmarks.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An OCI image made for the benchmark: layers of random bytes in files (nothing compresses or
 * deduplicates them), a small config and a manifest with exact sizes; pushed with the plain
 * distribution API (POST, then PUT of the whole blob, then the manifest).
 */
final class BenchImage {
  static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";

  /** One blob of the image, on disk. */
  record Blob(Path file, String digest, long size) {}

  private final Blob config;
  private final List<Blob> layers;
  private final byte[] manifest;

  private BenchImage(Blob config, List<Blob> layers, byte[] manifest) {
    this.config = config;
    this.layers = List.copyOf(layers);
    this.manifest = manifest;
  }

  /** Writes {@code layerCount} random layers of {@code layerBytes} under {@code dir}. */
  static BenchImage create(Path dir, int layerCount, long layerBytes, long seed)
      throws IOException {
    Files.createDirectories(dir);
    SplittableRandom random = new SplittableRandom(seed);
    List<Blob> layers = new ArrayList<>();
    for (int i = 0; i < layerCount; i++) {
      layers.add(randomFile(dir.resolve("layer-" + i), layerBytes, random.split()));
    }
    StringBuilder diffIds = new StringBuilder();
    for (Blob layer : layers) {
      diffIds
          .append(diffIds.length() == 0 ? "" : ",")
          .append('"')
          .append(layer.digest())
          .append('"');
    }
    byte[] configJson =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":["
                + diffIds
                + "]},\"comment\":\"k3j registry benchmark "
                + seed
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    Path configFile = Files.write(dir.resolve("config.json"), configJson);
    Blob config = new Blob(configFile, sha256(configJson), configJson.length);
    StringBuilder m =
        new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\",")
            .append("\"config\":")
            .append(descriptor("application/vnd.oci.image.config.v1+json", config))
            .append(",\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      m.append(i == 0 ? "" : ",")
          .append(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", layers.get(i)));
    }
    m.append("]}");
    return new BenchImage(config, layers, m.toString().getBytes(StandardCharsets.UTF_8));
  }

  byte[] manifest() {
    return manifest.clone();
  }

  String manifestDigest() {
    return sha256(manifest);
  }

  /** Config and layers. */
  List<Blob> blobs() {
    List<Blob> all = new ArrayList<>();
    all.add(config);
    all.addAll(layers);
    return all;
  }

  /** Bytes a pull transfers: manifest, config and layers. */
  long totalBytes() {
    return manifest.length + blobs().stream().mapToLong(Blob::size).sum();
  }

  /** Pushes every blob and then the manifest under {@code repository:tag}. */
  void push(HttpClient http, String registry, String repository, String tag)
      throws IOException, InterruptedException {
    for (Blob blob : blobs()) {
      HttpResponse<Void> start =
          http.send(
              HttpRequest.newBuilder(URI.create(registry + "/v2/" + repository + "/blobs/uploads/"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      String location = expect(start, 202, "upload start").headers().firstValue("Location").get();
      URI put =
          URI.create(registry)
              .resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + blob.digest());
      expect(
          http.send(
              HttpRequest.newBuilder(put)
                  .header("Content-Type", "application/octet-stream")
                  .PUT(HttpRequest.BodyPublishers.ofFile(blob.file()))
                  .build(),
              HttpResponse.BodyHandlers.discarding()),
          201,
          "blob " + blob.digest());
    }
    expect(
        http.send(
            HttpRequest.newBuilder(URI.create(registry + "/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", MANIFEST_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest))
                .build(),
            HttpResponse.BodyHandlers.discarding()),
        201,
        "manifest");
  }

  private static <T> HttpResponse<T> expect(HttpResponse<T> response, int status, String what) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          "push of " + what + " to " + response.uri() + " answered " + response.statusCode());
    }
    return response;
  }

  private static String descriptor(String mediaType, Blob blob) {
    return "{\"mediaType\":\""
        + mediaType
        + "\",\"digest\":\""
        + blob.digest()
        + "\",\"size\":"
        + blob.size()
        + "}";
  }

  private static Blob randomFile(Path file, long size, SplittableRandom random) throws IOException {
    MessageDigest sha = newSha256();
    ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; ) {
        buffer.clear();
        while (buffer.remaining() >= Long.BYTES) {
          buffer.putLong(random.nextLong());
        }
        int n = (int) Math.min(left, buffer.position());
        sha.update(buffer.array(), 0, n);
        out.write(buffer.array(), 0, n);
        left -= n;
      }
    }
    return new Blob(file, "sha256:" + HexFormat.of().formatHex(sha.digest()), size);
  }

  static String sha256(byte[] bytes) {
    return "sha256:" + HexFormat.of().formatHex(newSha256().digest(bytes));
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
