package io.k3j.core.datastore;

import java.util.List;

/**
 * Receives a watch's events. Calls for one watch never overlap and arrive in revision order. A
 * listener that blocks holds up only its own watch, until its buffer fills and the watch is closed.
 */
public interface WatchListener {

  void onEvents(List<Event> events);

  /**
   * The watch ended without {@link Watch#close()}: {@link CompactedException}, {@link
   * WatcherTooSlowException}, or {@link DatastoreClosedException}.
   */
  void onClose(DatastoreException reason);
}
