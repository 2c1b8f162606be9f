package io.k3j.core.datastore;

/** The requested revision has not been written yet. */
public final class FutureRevisionException extends DatastoreException {
  private static final long serialVersionUID = 1L;

  public FutureRevisionException(long requestedRevision, long currentRevision) {
    super(
        "revision "
            + requestedRevision
            + " is a future revision; the current revision is "
            + currentRevision);
  }
}
