package io.k3j.core.datastore;

/** A watch fell further behind than its buffer allows and was closed so writers never wait. */
public final class WatcherTooSlowException extends DatastoreException {
  private static final long serialVersionUID = 1L;

  public WatcherTooSlowException(String prefix, int bufferedEvents) {
    super(
        "watch on prefix "
            + prefix
            + " closed: more than "
            + bufferedEvents
            + " events were waiting for delivery; restart it from the last revision received");
  }
}
