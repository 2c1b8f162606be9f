package io.k3j.registry.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.registry.internal.oci.ErrorCode;
import io.k3j.registry.internal.oci.OciException;
import io.k3j.registry.testing.MutableClock;
import io.k3j.registry.testing.TestImage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentStoreTest {
  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  ContentStore store;

  @BeforeEach
  void open() {
    store = new ContentStore(dir, clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  @DisplayName("a manifest is stored and served as its exact bytes, by tag and by digest")
  void exactBytes() throws Exception {
    TestImage image = TestImage.build(1, 1, 100);
    byte[] spaced =
        new String(image.manifest(), StandardCharsets.UTF_8)
            .replace(",", " ,\n ")
            .getBytes(StandardCharsets.UTF_8);
    for (byte[] blob : image.blobs()) {
      StoreFixture.pushBlob(store, "demo/app", blob);
    }
    Digest digest =
        store.putManifest("demo/app", "v1", spaced, TestImage.MANIFEST_TYPE, Origin.PUSHED);

    assertThat(digest.toString()).isEqualTo(TestImage.sha256(spaced));
    assertThat(store.manifest("demo/app", "v1").orElseThrow().bytes()).isEqualTo(spaced);
    assertThat(store.manifest("demo/app", digest.toString()).orElseThrow().mediaType())
        .isEqualTo(TestImage.MANIFEST_TYPE);
    assertThat(store.manifest("other/app", "v1")).isEmpty();
  }

  @Test
  @DisplayName("the index survives a restart: tags, manifests and blobs are durable once acked")
  void durable() throws Exception {
    TestImage image = TestImage.build(2, 2, 100);
    Digest digest = StoreFixture.push(store, "demo/app", "v1", image, Origin.PUSHED);
    store.close();
    store = new ContentStore(dir, clock);

    assertThat(store.manifest("demo/app", "v1").orElseThrow().digest()).isEqualTo(digest);
    assertThat(store.blob("demo/app", Digest.parse(image.layerDigest(1)))).isPresent();
  }

  @Test
  @DisplayName("an upload whose bytes do not match the digest is refused with DIGEST_INVALID")
  void digestVerified() throws Exception {
    UploadSession session = store.uploads().start("demo/app");
    session.append(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    Digest wrong = Digest.sha256(new byte[] {9});
    assertThatThrownBy(() -> store.commitUpload(session, wrong))
        .isInstanceOfSatisfying(
            OciException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_INVALID));
    assertThat(store.blob("demo/app", wrong)).isEmpty();
    assertThat(Files.exists(session.file())).isFalse();
  }

  @Test
  @DisplayName("sha512 digests are verified and addressable")
  void sha512() throws Exception {
    byte[] blob = "sha512 content".getBytes(StandardCharsets.UTF_8);
    Digest digest = Digest.of("sha512", blob);
    UploadSession session = store.uploads().start("demo/app");
    session.append(ByteBuffer.wrap(blob));
    store.commitUpload(session, digest);
    assertThat(store.blob("demo/app", digest).orElseThrow().size()).isEqualTo(blob.length);
  }

  @Test
  @DisplayName("a blob is shared on disk across repositories and mounts without copying")
  void sharedAcrossRepositories() throws Exception {
    byte[] blob = "shared".getBytes(StandardCharsets.UTF_8);
    StoreFixture.pushBlob(store, "a/one", blob);
    Digest digest = Digest.parse(TestImage.sha256(blob));
    assertThat(store.blob("b/two", digest)).isEmpty();
    assertThat(store.mount("b/two", digest)).isTrue();
    assertThat(((CommittedBlob) store.blob("b/two", digest).orElseThrow()).path())
        .isEqualTo(((CommittedBlob) store.blob("a/one", digest).orElseThrow()).path());
  }

  @Test
  @DisplayName("schema 1 and non-JSON manifests are refused with MANIFEST_INVALID")
  void invalidManifests() {
    assertThatThrownBy(
            () ->
                store.putManifest(
                    "a/b",
                    "v1",
                    "nope".getBytes(StandardCharsets.UTF_8),
                    "application/json",
                    Origin.PUSHED))
        .isInstanceOfSatisfying(
            OciException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_INVALID));
    byte[] schema1 = "{\"schemaVersion\":1,\"fsLayers\":[]}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () ->
                store.putManifest(
                    "a/b",
                    "v1",
                    schema1,
                    "application/vnd.docker.distribution.manifest.v1+prettyjws",
                    Origin.PUSHED))
        .isInstanceOf(OciException.class);
  }

  @Test
  @DisplayName("a second store on the same data directory is refused while the first is open")
  void exclusiveDataDir() {
    assertThatThrownBy(() -> new ContentStore(dir, clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("used by another registry");
  }
}
