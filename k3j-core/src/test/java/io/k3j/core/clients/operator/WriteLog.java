package io.k3j.core.clients.operator;

import io.k3j.core.datastore.Backend;
import io.k3j.core.datastore.DatastoreException;
import io.k3j.core.datastore.Event;
import io.k3j.core.datastore.Watch;
import io.k3j.core.datastore.WatchListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every change the datastore commits from now on, split into Lease changes (leader election) and
 * the rest, plus the API server's count of mutating requests (from {@code apiserver_request_total})
 * other than on leases, so that a no-op write loop shows too.
 */
final class WriteLog implements AutoCloseable {
  private static final Set<String> MUTATING =
      Set.of("create", "update", "patch", "delete", "deletecollection");
  private final List<String> leaseWrites = new CopyOnWriteArrayList<>();
  private final List<String> otherWrites = new CopyOnWriteArrayList<>();
  private final MeterRegistry meters;
  private final double requestsAtStart;
  private final Watch watch;

  WriteLog(Backend datastore, MeterRegistry meters) {
    this.meters = meters;
    this.requestsAtStart = mutatingRequests();
    this.watch =
        datastore.watch(
            "/registry/",
            datastore.currentRevision(),
            new WatchListener() {
              @Override
              public void onEvents(List<Event> events) {
                for (Event event : events) {
                  String line = event.type() + " " + event.kv().key() + " @" + event.revision();
                  (event.kv().key().contains("/leases/") ? leaseWrites : otherWrites).add(line);
                }
              }

              @Override
              public void onClose(DatastoreException reason) {
                otherWrites.add("watch closed: " + reason);
              }
            });
  }

  List<String> leaseWrites() {
    return leaseWrites;
  }

  List<String> otherWrites() {
    return otherWrites;
  }

  /** Mutating API requests on anything but leases since this log started. */
  double otherMutatingRequests() {
    return mutatingRequests() - requestsAtStart;
  }

  private double mutatingRequests() {
    return meters.find("apiserver_request").counters().stream()
        .filter(c -> MUTATING.contains(c.getId().getTag("verb")))
        .filter(c -> !"leases".equals(c.getId().getTag("resource")))
        .mapToDouble(Counter::count)
        .sum();
  }

  @Override
  public void close() {
    watch.close();
  }
}
