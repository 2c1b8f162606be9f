package io.k3j.addons.internal;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.k3j.crds.k3s.v1.GroupVersionKind;

/**
 * One object of a manifest file, with where it came from: the document (1-based, counting non-empty
 * documents), the line the document starts on, and for a {@code kind: List} the item (1-based, 0
 * otherwise).
 */
public record ManifestObject(GenericKubernetesResource resource, int document, int line, int item) {

  public GroupVersionKind gvk() {
    return Gvks.of(resource.getApiVersion(), resource.getKind());
  }

  /** {@code document 2 (line 7)}, or {@code document 2 (line 7) item 3}. */
  public String origin() {
    return ManifestParser.origin(document, line) + (item > 0 ? " item " + item : "");
  }

  /** {@code ConfigMap default/name} or {@code ClusterRole name}. */
  public String describe() {
    String namespace = resource.getMetadata().getNamespace();
    return resource.getKind()
        + " "
        + (namespace == null || namespace.isEmpty() ? "" : namespace + "/")
        + resource.getMetadata().getName();
  }
}
