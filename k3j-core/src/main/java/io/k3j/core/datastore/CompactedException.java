package io.k3j.core.datastore;

/** The requested revision is below the compact revision: that history is gone. */
public final class CompactedException extends DatastoreException {
  private static final long serialVersionUID = 1L;
  private final long compactRevision;

  public CompactedException(long requestedRevision, long compactRevision) {
    super(
        "revision "
            + requestedRevision
            + " has been compacted; the oldest available is "
            + compactRevision);
    this.compactRevision = compactRevision;
  }

  public long compactRevision() {
    return compactRevision;
  }
}
