package io.k3j.registry.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Content-addressed blob files shared by every repository: {@code blobs/<alg>/<2 hex>/<hex>}. Files
 * are written under {@code tmp/}, verified, fsynced and renamed into place, so a blob path either
 * holds the full verified content or does not exist.
 */
public final class BlobStore {
  private final Path blobs;
  private final Path tmp;

  public BlobStore(Path dataDir) {
    this.blobs = dataDir.resolve("blobs");
    this.tmp = dataDir.resolve("tmp");
    try {
      Files.createDirectories(blobs);
      Files.createDirectories(tmp);
      try (Stream<Path> leftovers = Files.list(tmp)) {
        for (Path p : (Iterable<Path>) leftovers::iterator) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare blob store in " + dataDir, e);
    }
  }

  public Path path(Digest digest) {
    return blobs
        .resolve(digest.algorithm())
        .resolve(digest.hex().substring(0, 2))
        .resolve(digest.hex());
  }

  public Optional<Long> size(Digest digest) {
    try {
      return Optional.of(Files.size(path(digest)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh temporary file for an upload or an upstream fetch. */
  public Path newTempFile(String purpose) throws IOException {
    return Files.createFile(tmp.resolve(purpose + "-" + UUID.randomUUID()));
  }

  /** Hashes a file with the digest's algorithm. */
  public static Digest hash(Path file, String algorithm) throws IOException {
    MessageDigest md = Digest.newMessageDigest(algorithm);
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return Digest.finish(algorithm, md);
  }

  /**
   * Moves a verified temp file into its content address. The caller has checked the digest; the
   * file is fsynced before the rename so a crash never exposes a partial blob.
   */
  public void commit(Path tempFile, Digest digest) throws IOException {
    Path target = path(digest);
    Files.createDirectories(target.getParent());
    try (var channel =
        java.nio.channels.FileChannel.open(tempFile, java.nio.file.StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    try {
      Files.move(
          tempFile, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tempFile, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  public void delete(Digest digest) throws IOException {
    Files.deleteIfExists(path(digest));
  }
}
