package io.k3j.core.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.resources.BuiltinResources;
import io.k3j.core.apiserver.resources.ObjectStore;
import io.k3j.core.apiserver.resources.ResourceType;
import io.k3j.core.apiserver.resources.Selector;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ClusterRole aggregation controller: a ClusterRole with an {@code aggregationRule} gets as its
 * rules the rules of every other ClusterRole whose labels match one of {@code
 * clusterRoleSelectors}, in name order without duplicates. Runs after every RBAC change, on its own
 * thread, and writes only when the rules differ.
 */
public final class ClusterRoleAggregation implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterRoleAggregation.class);

  private final ObjectStore store;
  private final RbacCache cache;
  private final ResourceType clusterRoles =
      BuiltinResources.all().stream()
          .filter(t -> t.plural().equals("clusterroles"))
          .findFirst()
          .orElseThrow();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "k3j-clusterrole-aggregation");
            thread.setDaemon(true);
            return thread;
          });

  public ClusterRoleAggregation(ObjectStore store, RbacCache cache) {
    this.store = store;
    this.cache = cache;
  }

  /** Aggregates now and after every change the cache sees. */
  public void start() {
    cache.onChange(() -> worker.execute(this::reconcile));
    worker.execute(this::reconcile);
  }

  private void reconcile() {
    List<ObjectNode> roles =
        cache.clusterRoles().stream()
            .sorted(Comparator.comparing(r -> r.path("metadata").path("name").asText()))
            .toList();
    for (ObjectNode role : roles) {
      JsonNode selectors = role.path("aggregationRule").path("clusterRoleSelectors");
      if (!selectors.isArray()) {
        continue;
      }
      ArrayNode rules = aggregatedRules(role, selectors, roles);
      if (!rules.equals(role.path("rules"))) {
        write(role, rules);
      }
    }
  }

  /** The rules of every other role one of {@code selectors} selects, first occurrence kept. */
  static ArrayNode aggregatedRules(ObjectNode role, JsonNode selectors, List<ObjectNode> roles) {
    ArrayNode rules = JsonNodeFactory.instance.arrayNode();
    String name = role.path("metadata").path("name").asText();
    for (ObjectNode other : roles) {
      JsonNode labels = other.path("metadata").path("labels");
      if (other.path("metadata").path("name").asText().equals(name)
          || !anySelects(selectors, labels)) {
        continue;
      }
      for (JsonNode rule : other.path("rules")) {
        if (!contains(rules, rule)) {
          rules.add(rule);
        }
      }
    }
    return rules;
  }

  private static boolean anySelects(JsonNode selectors, JsonNode labels) {
    for (JsonNode selector : selectors) {
      if (Selector.matches(selector, labels)) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(ArrayNode rules, JsonNode rule) {
    for (JsonNode existing : rules) {
      if (existing.equals(rule)) {
        return true;
      }
    }
    return false;
  }

  private void write(ObjectNode role, ArrayNode rules) {
    String name = role.path("metadata").path("name").asText();
    ObjectNode next = role.deepCopy();
    next.set("rules", rules);
    next.put("apiVersion", "rbac.authorization.k8s.io/v1");
    try {
      store.update(clusterRoles, null, name, next);
    } catch (ApiException e) {
      // A newer version is on its way through the watch; the next pass aggregates it.
      log.debug("clusterrole={} aggregation deferred: {}", name, e.getMessage());
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
