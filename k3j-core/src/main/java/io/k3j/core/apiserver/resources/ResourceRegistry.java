package io.k3j.core.apiserver.resources;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every kind served right now: the built-ins plus the versions of each Established
 * CustomResourceDefinition. Readers get an immutable snapshot; discovery caches key on {@link
 * #generation()}.
 */
public final class ResourceRegistry {
  private final Map<String, List<ResourceType>> custom = new LinkedHashMap<>();
  private final AtomicLong generation = new AtomicLong(1);
  private volatile List<ResourceType> all = BuiltinResources.all();

  public List<ResourceType> all() {
    return all;
  }

  public Optional<ResourceType> find(String group, String version, String plural) {
    for (ResourceType type : all) {
      if (type.plural().equals(plural)
          && type.group().equals(group)
          && type.version().equals(version)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** Changes with every {@link #serve} or {@link #withdraw}. */
  public long generation() {
    return generation.get();
  }

  /** Serves the versions of one CustomResourceDefinition, replacing what it served before. */
  public synchronized void serve(String crdName, List<ResourceType> versions) {
    if (versions.equals(custom.get(crdName))) {
      return;
    }
    custom.put(crdName, List.copyOf(versions));
    publish();
  }

  public synchronized void withdraw(String crdName) {
    if (custom.remove(crdName) != null) {
      publish();
    }
  }

  private void publish() {
    List<ResourceType> next = new ArrayList<>(BuiltinResources.all());
    custom.values().forEach(next::addAll);
    all = List.copyOf(next);
    generation.incrementAndGet();
  }
}
