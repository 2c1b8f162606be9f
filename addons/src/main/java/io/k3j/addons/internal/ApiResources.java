package io.k3j.addons.internal;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.k3j.crds.k3s.v1.GroupVersionKind;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the server serves, from discovery ({@code /api/v1}, {@code /apis/<group>/<version>}), cached
 * per group-version. A kind that is not in the cached list is looked up again once, so a CRD
 * created since is found; {@link #forget} drops a group-version after a CRD changed.
 */
public final class ApiResources {
  private final KubernetesClient client;
  private final Map<String, APIResourceList> cache = new ConcurrentHashMap<>();

  public ApiResources(KubernetesClient client) {
    this.client = client;
  }

  /** The resource serving {@code gvk}, or empty when the server does not serve that kind. */
  public Optional<ResourceDefinitionContext> resolve(GroupVersionKind gvk) {
    String groupVersion = Gvks.apiVersion(gvk);
    Optional<ResourceDefinitionContext> found = find(cache.get(groupVersion), gvk);
    if (found.isPresent()) {
      return found;
    }
    APIResourceList fresh = fetch(groupVersion);
    if (fresh == null) {
      cache.remove(groupVersion);
      return Optional.empty();
    }
    cache.put(groupVersion, fresh);
    return find(fresh, gvk);
  }

  public void forget(String groupVersion) {
    cache.remove(groupVersion);
  }

  private APIResourceList fetch(String groupVersion) {
    try {
      return client.getApiResources(groupVersion);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return null;
      }
      throw e;
    }
  }

  private static Optional<ResourceDefinitionContext> find(
      APIResourceList list, GroupVersionKind gvk) {
    if (list == null || list.getResources() == null) {
      return Optional.empty();
    }
    for (APIResource resource : list.getResources()) {
      if (gvk.getKind().equals(resource.getKind()) && !resource.getName().contains("/")) {
        return Optional.of(
            ResourceDefinitionContext.fromApiResource(list.getGroupVersion(), resource));
      }
    }
    return Optional.empty();
  }
}
