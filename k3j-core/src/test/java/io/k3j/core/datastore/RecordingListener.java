package io.k3j.core.datastore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** Collects what a watch delivers, for assertions. */
public class RecordingListener implements WatchListener {
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final AtomicReference<DatastoreException> closed = new AtomicReference<>();

  @Override
  public void onEvents(List<Event> batch) {
    events.addAll(batch);
  }

  @Override
  public void onClose(DatastoreException reason) {
    closed.set(reason);
  }

  public List<Event> events() {
    return new ArrayList<>(events);
  }

  public List<Long> revisions() {
    return events().stream().map(Event::revision).toList();
  }

  public DatastoreException closedWith() {
    return closed.get();
  }
}
