package io.k3j.registry.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * An upload in progress: bytes appended in order to a temp file while a SHA-256 is computed
 * incrementally. Lives in memory only; after a restart the client gets BLOB_UPLOAD_UNKNOWN and
 * starts again (spec: an upload URL may expire).
 */
public final class UploadSession {
  private final String id;
  private final String repository;
  private final Path file;
  private final FileChannel channel;
  private final MessageDigest sha256 = Digest.newMessageDigest("sha256");
  private long size;
  private volatile long lastActivityMillis;

  private final java.time.Clock clock;

  UploadSession(String id, String repository, Path file, java.time.Clock clock) throws IOException {
    this.clock = clock;
    this.lastActivityMillis = clock.millis();
    this.id = id;
    this.repository = repository;
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  public String id() {
    return id;
  }

  public String repository() {
    return repository;
  }

  public Path file() {
    return file;
  }

  public synchronized long size() {
    return size;
  }

  long lastActivityMillis() {
    return lastActivityMillis;
  }

  void touched() {
    lastActivityMillis = clock.millis();
  }

  public synchronized void append(ByteBuffer bytes) throws IOException {
    ByteBuffer forDigest = bytes.duplicate();
    sha256.update(forDigest);
    while (bytes.hasRemaining()) {
      size += channel.write(bytes);
    }
    lastActivityMillis = clock.millis();
  }

  /** Closes the file and returns the digest of everything written with {@code algorithm}. */
  synchronized Digest finish(String algorithm) throws IOException {
    channel.close();
    if (algorithm.equals("sha256")) {
      return Digest.finish("sha256", sha256);
    }
    return BlobStore.hash(file, algorithm);
  }

  synchronized void abandon() {
    try {
      channel.close();
      java.nio.file.Files.deleteIfExists(file);
    } catch (IOException e) {
      // the tmp directory is emptied at the next start
    }
  }
}
