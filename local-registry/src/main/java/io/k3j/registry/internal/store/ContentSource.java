package io.k3j.registry.internal.store;

import java.util.List;
import java.util.Optional;

/** Read side of a registry; the pull-through cache decorates the local store with it. */
public interface ContentSource {
  /** A manifest by tag or digest; empty when unknown. */
  Optional<StoredManifest> manifest(String repository, String reference);

  /** A blob's bytes; empty when unknown in this repository. */
  Optional<BlobContent> blob(String repository, Digest digest);

  /** Tags after {@code last}, at most {@code limit}; empty when the repository is unknown. */
  Optional<List<String>> tags(String repository, String last, int limit);
}
