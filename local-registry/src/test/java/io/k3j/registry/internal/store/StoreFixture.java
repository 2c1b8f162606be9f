package io.k3j.registry.internal.store;

import io.k3j.registry.testing.TestImage;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Pushes test images into a ContentStore the way the upload endpoints do. */
final class StoreFixture {
  private StoreFixture() {}

  static void pushBlob(ContentStore store, String repo, byte[] blob) throws IOException {
    UploadSession session = store.uploads().start(repo);
    session.append(ByteBuffer.wrap(blob));
    store.commitUpload(session, Digest.parse(TestImage.sha256(blob)));
  }

  static Digest push(ContentStore store, String repo, String tag, TestImage image, Origin origin)
      throws IOException {
    for (byte[] blob : image.blobs()) {
      pushBlob(store, repo, blob);
    }
    return store.putManifest(repo, tag, image.manifest(), TestImage.MANIFEST_TYPE, origin);
  }
}
