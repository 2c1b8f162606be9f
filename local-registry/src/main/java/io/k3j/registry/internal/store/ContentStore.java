package io.k3j.registry.internal.store;

import io.k3j.registry.internal.oci.ErrorCode;
import io.k3j.registry.internal.oci.OciException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The local registry: verified blobs in the {@link BlobStore}, everything else in the {@link
 * RegistryIndex}. A write is acknowledged only after its file is fsynced and renamed and its index
 * transaction committed.
 */
public final class ContentStore implements ContentSource, AutoCloseable {
  private final DataDirLock lock;
  private final BlobStore blobs;
  private final RegistryIndex index;
  private final Uploads uploads;
  private final Clock clock;
  private final DigestLocks locks = new DigestLocks();
  private final AccessTracker accesses = new AccessTracker();
  private final Runnable afterBlobCommit;

  public ContentStore(Path dataDir, Clock clock) {
    this(dataDir, clock, () -> {});
  }

  /** {@code afterBlobCommit} runs after every blob commit (a pushed or fetched blob is stored). */
  public ContentStore(Path dataDir, Clock clock, Runnable afterBlobCommit) {
    this.afterBlobCommit = afterBlobCommit;
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dataDir, e);
    }
    this.lock = new DataDirLock(dataDir);
    try {
      this.blobs = new BlobStore(dataDir);
      this.index = new RegistryIndex(dataDir.resolve("index.db"));
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    this.uploads = new Uploads(blobs, clock);
    this.clock = clock;
  }

  public RegistryIndex index() {
    return index;
  }

  public BlobStore blobs() {
    return blobs;
  }

  public Uploads uploads() {
    return uploads;
  }

  public Clock clock() {
    return clock;
  }

  @Override
  public Optional<StoredManifest> manifest(String repository, String reference) {
    Optional<Digest> digest =
        Digest.looksLikeDigest(reference)
            ? Optional.of(parseDigest(reference, ErrorCode.MANIFEST_UNKNOWN))
            : index.resolveTag(repository, reference);
    Optional<StoredManifest> found = digest.flatMap(d -> index.manifest(repository, d));
    found.ifPresent(m -> accesses.touch(m.digest(), clock.millis()));
    return found;
  }

  @Override
  public Optional<BlobContent> blob(String repository, Digest digest) {
    Optional<Long> size = index.linkedBlobSize(repository, digest);
    if (size.isEmpty() || !Files.exists(blobs.path(digest))) {
      return Optional.empty();
    }
    accesses.touch(digest, clock.millis());
    return Optional.of(new CommittedBlob(digest, blobs.path(digest), size.get()));
  }

  @Override
  public Optional<List<String>> tags(String repository, String last, int limit) {
    if (!index.repositoryExists(repository)) {
      return Optional.empty();
    }
    return Optional.of(index.tags(repository, last, limit));
  }

  /** Stores manifest bytes unchanged under a tag or a digest reference; returns its digest. */
  public Digest putManifest(
      String repository, String reference, byte[] bytes, String contentType, Origin origin) {
    ParsedManifest parsed;
    try {
      parsed = ManifestParser.parse(bytes, contentType);
    } catch (InvalidManifestException e) {
      throw new OciException(ErrorCode.MANIFEST_INVALID, e.getMessage());
    }
    Digest digest;
    if (Digest.looksLikeDigest(reference)) {
      Digest claimed = parseDigest(reference, ErrorCode.DIGEST_INVALID);
      digest = Digest.of(claimed.algorithm(), bytes);
      if (!digest.equals(claimed)) {
        throw new OciException(
            ErrorCode.DIGEST_INVALID, "manifest digest is " + digest + ", not " + claimed);
      }
    } else {
      digest = Digest.sha256(bytes);
    }
    index.putManifest(repository, digest, parsed, bytes, origin, clock.millis());
    if (!Digest.looksLikeDigest(reference)) {
      index.tag(repository, reference, digest);
    }
    return digest;
  }

  public void tag(String repository, String tag, Digest digest) {
    index.tag(repository, tag, digest);
  }

  public ParsedManifest parsed(StoredManifest manifest) {
    return ManifestParser.parse(manifest.bytes(), manifest.mediaType());
  }

  public void deleteManifest(String repository, String reference) {
    boolean deleted =
        Digest.looksLikeDigest(reference)
            ? index.deleteManifest(repository, parseDigest(reference, ErrorCode.DIGEST_INVALID))
            : index.deleteTag(repository, reference);
    if (!deleted) {
      throw new OciException(ErrorCode.MANIFEST_UNKNOWN, "no manifest " + reference);
    }
  }

  public void deleteBlob(String repository, Digest digest) {
    if (!index.unlinkBlob(repository, digest)) {
      throw new OciException(ErrorCode.BLOB_UNKNOWN, "no blob " + digest + " in " + repository);
    }
  }

  /** Verifies and commits an upload; DIGEST_INVALID (and the upload is gone) on a mismatch. */
  public long commitUpload(UploadSession session, Digest expected) throws IOException {
    uploads.remove(session);
    Digest actual = session.finish(expected.algorithm());
    if (!actual.equals(expected)) {
      Files.deleteIfExists(session.file());
      throw new OciException(
          ErrorCode.DIGEST_INVALID, "uploaded content has digest " + actual + ", not " + expected);
    }
    long size = Files.size(session.file());
    commitVerified(session.repository(), session.file(), expected, size);
    return size;
  }

  /** Commits a temp file whose digest the caller has verified, and links it to the repository. */
  public void commitVerified(String repository, Path file, Digest digest, long size) {
    locks.withLock(
        digest,
        () -> {
          try {
            blobs.commit(file, digest);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot commit blob " + digest, e);
          }
          index.putAndLinkBlob(repository, digest, size, clock.millis());
          return null;
        });
    afterBlobCommit.run();
  }

  /** Links an existing blob into {@code repository}; false when it does not exist. */
  public boolean mount(String repository, Digest digest) {
    return locks.withLock(
        digest,
        () -> {
          Optional<Long> size = index.blobSize(digest);
          if (size.isEmpty() || !Files.exists(blobs.path(digest))) {
            return false;
          }
          index.putAndLinkBlob(repository, digest, size.get(), clock.millis());
          return true;
        });
  }

  /** Deletes a blob if it is still unreferenced and untouched since {@code cutoff}. */
  public boolean collect(Digest digest, long cutoff) {
    return locks.withLock(
        digest,
        () -> {
          if (accesses.pendingAccess(digest) >= cutoff
              || !index.forgetUnreferencedBlob(digest, cutoff)) {
            return false;
          }
          try {
            blobs.delete(digest);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot delete blob " + digest, e);
          }
          return true;
        });
  }

  public void flushAccessTimes() {
    accesses.flushTo(index);
  }

  static Digest parseDigest(String text, ErrorCode code) {
    try {
      return Digest.parse(text);
    } catch (IllegalArgumentException e) {
      throw new OciException(code, e.getMessage());
    }
  }

  @Override
  public void close() {
    flushAccessTimes();
    index.close();
    lock.close();
  }
}
