package io.k3j.benchmarks.registry;

import java.util.List;

/**
 * How a pull fetches the blobs of a manifest it has read. The blob bodies are nearly all of a
 * pull's bytes, so this is the part whose client-side cost shows in the throughput.
 */
interface BlobFetcher extends AutoCloseable {

  /** One blob of a manifest: the config or a layer. */
  record Blob(String digest, long size) {}

  /**
   * Fetches every blob of {@code repository} from {@code registry} and returns the bytes received.
   * A blob answered with anything but 200, or shorter or longer than its size, fails the fetch.
   */
  long fetch(String registry, String repository, List<Blob> blobs) throws Exception;

  @Override
  void close();
}
