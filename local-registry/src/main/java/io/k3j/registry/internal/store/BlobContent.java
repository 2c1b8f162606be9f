package io.k3j.registry.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Readable blob bytes: a committed file, or a file an upstream fetch is still filling. Readers use
 * {@link #available()} to know how far they may read and {@link #onProgress} to be woken.
 */
public interface BlobContent {
  Digest digest();

  /** Total size in bytes. */
  long size();

  /** Opens the bytes for reading; the channel stays valid if the file is renamed or deleted. */
  FileChannel open() throws IOException;

  /** Bytes readable now; equals {@link #size()} when complete. */
  long available() throws IOException;

  /** Runs {@code listener} on every progress step and at completion or failure. */
  default void onProgress(Runnable listener) {}

  /** True when every byte is on disk and matches the digest (a file that can be sent as it is). */
  default boolean verified() {
    return true;
  }

  /** True when the fill failed; readers must abort. */
  default boolean failed() {
    return false;
  }
}
