package io.k3j.registry.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * A small, valid OCI image built in memory: gzip-compressed tar layers of seeded random content, a
 * config with matching diff_ids and a manifest with exact sizes.
 */
public record TestImage(byte[] config, List<byte[]> layers, byte[] manifest, String architecture) {
  public static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
  public static final String INDEX_TYPE = "application/vnd.oci.image.index.v1+json";

  public static TestImage build(long seed, int layerCount, int layerSize) {
    return build(seed, layerCount, layerSize, "amd64", List.of());
  }

  /** An image whose layers are {@code shared} followed by fresh random layers. */
  public static TestImage build(
      long seed, int layerCount, int layerSize, String architecture, List<byte[]> shared) {
    Random random = new Random(seed);
    List<byte[]> layers = new ArrayList<>(shared);
    List<String> diffIds = new ArrayList<>();
    for (byte[] layer : shared) {
      diffIds.add("\"" + sha256(gunzip(layer)) + "\"");
    }
    for (int i = 0; i < layerCount; i++) {
      byte[] content = new byte[layerSize];
      random.nextBytes(content);
      byte[] tar = Tar.singleFile("file-" + seed + "-" + i, content);
      diffIds.add("\"" + sha256(tar) + "\"");
      layers.add(gzip(tar));
    }
    byte[] config =
        utf8(
            "{\"architecture\":\""
                + architecture
                + "\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
                + String.join(",", diffIds)
                + "]}}");
    StringBuilder manifest =
        new StringBuilder(
            "{\"schemaVersion\":2,\"mediaType\":\""
                + MANIFEST_TYPE
                + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\""
                + sha256(config)
                + "\",\"size\":"
                + config.length
                + "},\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      manifest
          .append(i == 0 ? "" : ",")
          .append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"")
          .append(sha256(layers.get(i)))
          .append("\",\"size\":")
          .append(layers.get(i).length)
          .append('}');
    }
    manifest.append("]}");
    return new TestImage(config, List.copyOf(layers), utf8(manifest.toString()), architecture);
  }

  public String manifestDigest() {
    return sha256(manifest);
  }

  public String configDigest() {
    return sha256(config);
  }

  public String layerDigest(int i) {
    return sha256(layers.get(i));
  }

  /** Every blob of the image: config first, then layers. */
  public List<byte[]> blobs() {
    List<byte[]> all = new ArrayList<>();
    all.add(config);
    all.addAll(layers);
    return all;
  }

  /** An OCI index over several images. */
  public static byte[] index(List<TestImage> images) {
    StringBuilder out =
        new StringBuilder(
            "{\"schemaVersion\":2,\"mediaType\":\"" + INDEX_TYPE + "\",\"manifests\":[");
    for (int i = 0; i < images.size(); i++) {
      TestImage image = images.get(i);
      out.append(i == 0 ? "" : ",")
          .append("{\"mediaType\":\"" + MANIFEST_TYPE + "\",\"digest\":\"")
          .append(image.manifestDigest())
          .append("\",\"size\":")
          .append(image.manifest().length)
          .append(",\"platform\":{\"architecture\":\"")
          .append(image.architecture())
          .append("\",\"os\":\"linux\"}}");
    }
    return utf8(out.append("]}").toString());
  }

  public static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] gunzip(byte[] data) {
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
