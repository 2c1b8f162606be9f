package io.k3j.registry.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A verified blob file in the content-addressed store. */
public record CommittedBlob(Digest digest, Path path, long size) implements BlobContent {
  @Override
  public FileChannel open() throws IOException {
    return FileChannel.open(path, StandardOpenOption.READ);
  }

  @Override
  public long available() {
    return size;
  }
}
