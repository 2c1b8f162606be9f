package io.k3j.registry.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes an OCI image layout directory (image-spec "image-layout") that skopeo reads as {@code
 * oci:DIR:TAG}.
 */
public final class OciLayout {
  private OciLayout() {}

  /** A layout holding one image under {@code tag}. */
  public static Path write(Path dir, String tag, TestImage image) throws IOException {
    writeBlobs(dir, List.of(image));
    writeIndex(dir, tag, TestImage.MANIFEST_TYPE, image.manifestDigest(), image.manifest().length);
    return dir;
  }

  /** A layout holding a multi-platform index under {@code tag}. */
  public static Path writeIndex(Path dir, String tag, List<TestImage> images) throws IOException {
    writeBlobs(dir, images);
    byte[] index = TestImage.index(images);
    writeBlob(dir, index);
    writeIndex(dir, tag, TestImage.INDEX_TYPE, TestImage.sha256(index), index.length);
    return dir;
  }

  private static void writeBlobs(Path dir, List<TestImage> images) throws IOException {
    for (TestImage image : images) {
      for (byte[] blob : image.blobs()) {
        writeBlob(dir, blob);
      }
      writeBlob(dir, image.manifest());
    }
  }

  private static void writeBlob(Path dir, byte[] blob) throws IOException {
    Path path = dir.resolve("blobs/sha256").resolve(TestImage.sha256(blob).substring(7));
    Files.createDirectories(path.getParent());
    Files.write(path, blob);
  }

  private static void writeIndex(Path dir, String tag, String mediaType, String digest, long size)
      throws IOException {
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(
        dir.resolve("index.json"),
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
            + mediaType
            + "\",\"digest\":\""
            + digest
            + "\",\"size\":"
            + size
            + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\""
            + tag
            + "\"}}]}");
  }
}
