package io.k3j.benchmarks;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-side apply of ConfigMaps with {@value #FIELDS} data fields split between {@value
 * #MANAGERS} field managers. Each apply is one manager applying all of its fields with new values,
 * so every request changes the object and rewrites its managedFields; no two managers own a field,
 * so no apply conflicts. Each client thread works on its own objects.
 */
final class ApplyLoad {
  static final int FIELDS = 50;
  static final int MANAGERS = 3;
  private final KubernetesClient client;
  private final String namespace;
  private final int objects;

  record Result(double seconds, long errors, Latencies latencies) {
    double perSecond() {
      return latencies.count() / seconds;
    }
  }

  ApplyLoad(KubernetesClient client, String namespace, int objects) {
    this.client = client;
    this.namespace = namespace;
    this.objects = objects;
  }

  /** Each object gets its fields from all three managers once. */
  void prepare() {
    for (int object = 0; object < objects; object++) {
      for (int manager = 0; manager < MANAGERS; manager++) {
        apply(object, manager, 0);
      }
    }
  }

  /** {@code clients} threads applying for {@code seconds}; needs at least one object each. */
  Result run(int clients, double seconds) throws Exception {
    if (clients > objects) {
      throw new IllegalArgumentException(clients + " clients need as many objects, not " + objects);
    }
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    AtomicLong errors = new AtomicLong();
    long started = System.nanoTime();
    long end = started + (long) (seconds * 1e9);
    List<Future<Samples>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int first = c;
      futures.add(
          pool.submit(
              () -> {
                Samples samples = new Samples();
                int round = 1;
                for (int object = first; System.nanoTime() < end; round++) {
                  long t0 = System.nanoTime();
                  try {
                    apply(object, round % MANAGERS, round);
                    samples.add(System.nanoTime() - t0);
                  } catch (RuntimeException e) {
                    errors.incrementAndGet();
                  }
                  object += clients;
                  if (object >= objects) {
                    object = first;
                  }
                }
                return samples;
              }));
    }
    List<Samples> all = new ArrayList<>();
    for (Future<Samples> future : futures) {
      all.add(future.get());
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    return new Result(elapsed, errors.get(), Samples.merge(all));
  }

  private void apply(int object, int manager, int round) {
    client
        .configMaps()
        .inNamespace(namespace)
        .resource(desired(object, manager, round))
        .fieldManager("manager-" + manager)
        .serverSideApply();
  }

  /** The fields manager {@code manager} owns: every third one, starting at its number. */
  static ConfigMap desired(int object, int manager, int round) {
    Map<String, String> data = new LinkedHashMap<>();
    for (int field = manager; field < FIELDS; field += MANAGERS) {
      data.put(String.format("field-%02d", field), "value-" + round + "-" + field);
    }
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("applied-" + object)
        .endMetadata()
        .withData(data)
        .build();
  }
}
