package io.k3j.benchmarks;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One owner ConfigMap and {@code dependents} ConfigMaps whose ownerReferences name it. The owner is
 * deleted (propagation Background, the default) and the clock runs until a watch has seen every
 * dependent deleted by the garbage collector.
 */
final class OwnerCascade {
  private static final int WRITERS = 8;
  private final KubernetesClient client;
  private final String namespace;
  private final int dependents;

  record Result(int dependents, double createSeconds, double collectSeconds) {}

  OwnerCascade(KubernetesClient client, String namespace, int dependents) {
    this.client = client;
    this.namespace = namespace;
    this.dependents = dependents;
  }

  Result run() throws Exception {
    ConfigMap owner =
        client
            .configMaps()
            .inNamespace(namespace)
            .resource(
                new ConfigMapBuilder().withNewMetadata().withName("owner").endMetadata().build())
            .create();
    long createStart = System.nanoTime();
    createDependents(owner);
    double createSeconds = (System.nanoTime() - createStart) / 1e9;

    CountDownLatch gone = new CountDownLatch(dependents);
    try (Watch watch =
        client
            .configMaps()
            .inNamespace(namespace)
            .withLabel("bench", "gc")
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, ConfigMap resource) {
                    if (action == Action.DELETED) {
                      gone.countDown();
                    }
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                })) {
      long started = System.nanoTime();
      client
          .configMaps()
          .inNamespace(namespace)
          .withName("owner")
          .withPropagationPolicy(DeletionPropagation.BACKGROUND)
          .delete();
      if (!gone.await(30, TimeUnit.MINUTES)) {
        throw new IllegalStateException(
            (dependents - gone.getCount()) + " of " + dependents + " dependents collected");
      }
      double collectSeconds = (System.nanoTime() - started) / 1e9;
      int left =
          client
              .configMaps()
              .inNamespace(namespace)
              .withLabel("bench", "gc")
              .list()
              .getItems()
              .size();
      if (left != 0) {
        throw new IllegalStateException(left + " dependents left after the watch saw all deletes");
      }
      return new Result(dependents, createSeconds, collectSeconds);
    }
  }

  private void createDependents(ConfigMap owner) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      futures.add(
          pool.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < dependents; i = next.getAndIncrement()) {
                  client.configMaps().inNamespace(namespace).resource(dependent(owner, i)).create();
                }
                return null;
              }));
    }
    for (Future<?> future : futures) {
      future.get();
    }
    pool.shutdown();
  }

  private static ConfigMap dependent(ConfigMap owner, int i) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("dependent-" + i)
        .withLabels(Map.of("bench", "gc"))
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion("v1")
                .withKind("ConfigMap")
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .build())
        .endMetadata()
        .withData(Map.of("i", Integer.toString(i)))
        .build();
  }
}
