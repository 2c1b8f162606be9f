package io.k3j.addons.internal;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.k3j.crds.CrdInstaller;
import io.k3j.crds.k3s.v1.GroupVersionKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the objects of one Addon as a set, like the apply library k3s uses (apply with owner):
 * every object is marked with {@link ObjectSetLabels} and applied by server-side apply (field
 * manager {@value #FIELD_MANAGER}, conflicts forced); then every object that carries the Addon's
 * hash label, of a kind the Addon applies now or applied before, and is not in the set any more, is
 * deleted. Kinds the server no longer serves are left out of pruning. Namespaces and CRDs go first;
 * after a CRD the applier waits for it to be established so that objects of its kind can follow.
 */
public final class ObjectSetApplier {
  public static final String FIELD_MANAGER = "k3j-deploy";
  private static final Logger LOG = LoggerFactory.getLogger(ObjectSetApplier.class);
  private static final String DEFAULT_NAMESPACE = "default";
  private static final String CRD_GROUP_KIND = "apiextensions.k8s.io/CustomResourceDefinition";

  private final KubernetesClient client;
  private final ApiResources resources;
  private final String addonNamespace;

  public ObjectSetApplier(KubernetesClient client, ApiResources resources, String addonNamespace) {
    this.client = client;
    this.resources = resources;
    this.addonNamespace = addonNamespace;
  }

  /** What one apply did: the errors (each naming the document and object), empty on success. */
  public record Result(List<String> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  private record Key(String group, String kind, String namespace, String name) {}

  /**
   * Makes the objects of Addon {@code addon} exactly {@code objects}: applies each, then prunes
   * objects of the kinds in {@code objects} and {@code previousGvks} that are no longer listed.
   */
  public Result apply(String addon, List<ManifestObject> objects, Set<GroupVersionKind> previous) {
    List<String> errors = new ArrayList<>();
    Set<Key> desired = new HashSet<>();
    List<ManifestObject> ordered = new ArrayList<>(objects);
    ordered.sort(Comparator.comparingInt(o -> priority(o.gvk())));
    for (ManifestObject object : ordered) {
      try {
        desired.add(applyOne(addon, object));
      } catch (KubernetesClientException | IllegalStateException e) {
        errors.add(object.origin() + " (" + object.describe() + "): " + message(e));
        // An object that failed is still wanted: keep it out of pruning.
        String namespace = object.resource().getMetadata().getNamespace();
        desired.add(keyOf(object, namespace));
        if (namespace == null || namespace.isEmpty()) {
          desired.add(keyOf(object, DEFAULT_NAMESPACE));
        }
      }
    }
    Set<GroupVersionKind> kinds = new LinkedHashSet<>(previous);
    objects.forEach(o -> kinds.add(o.gvk()));
    errors.addAll(prune(addon, kinds, desired));
    return new Result(errors);
  }

  /** Deletes every object of Addon {@code addon} of the given kinds. */
  public Result remove(String addon, Set<GroupVersionKind> kinds) {
    return new Result(prune(addon, kinds, Set.of()));
  }

  private Key applyOne(String addon, ManifestObject object) {
    GroupVersionKind gvk = object.gvk();
    ResourceDefinitionContext context =
        resources
            .resolve(gvk)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the server does not serve kind "
                            + gvk.getKind()
                            + " in "
                            + Gvks.apiVersion(gvk)));
    GenericKubernetesResource resource = marked(addon, object.resource());
    String namespace = null;
    if (context.isNamespaceScoped()) {
      namespace = resource.getMetadata().getNamespace();
      if (namespace == null || namespace.isEmpty()) {
        namespace = DEFAULT_NAMESPACE;
      }
      resource.getMetadata().setNamespace(namespace);
    } else {
      resource.getMetadata().setNamespace(null);
    }
    var operation = client.genericKubernetesResources(context);
    var target =
        namespace == null
            ? operation.resource(resource)
            : operation.inNamespace(namespace).resource(resource);
    target.fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    if (CRD_GROUP_KIND.equals(gvk.getGroup() + "/" + gvk.getKind())) {
      awaitEstablished(resource.getMetadata().getName());
    }
    return keyOf(object, namespace);
  }

  private static Key keyOf(ManifestObject object, String namespace) {
    GroupVersionKind gvk = object.gvk();
    return new Key(
        gvk.getGroup(), gvk.getKind(), namespace, object.resource().getMetadata().getName());
  }

  /** A copy with the owner marks, without the fields a server sets. */
  private GenericKubernetesResource marked(String addon, GenericKubernetesResource original) {
    GenericKubernetesResource copy =
        client
            .getKubernetesSerialization()
            .clone(original); // the parsed object is kept for error messages
    ObjectMeta meta = copy.getMetadata();
    meta.setResourceVersion(null);
    meta.setUid(null);
    meta.setManagedFields(null);
    meta.setCreationTimestamp(null);
    meta.setGeneration(null);
    Map<String, String> labels =
        new HashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
    labels.put(ObjectSetLabels.HASH, ObjectSetLabels.hash(addonNamespace, addon));
    meta.setLabels(labels);
    Map<String, String> annotations =
        new HashMap<>(meta.getAnnotations() == null ? Map.of() : meta.getAnnotations());
    annotations.remove(ObjectSetLabels.APPLIED);
    annotations.putAll(ObjectSetLabels.annotations(addonNamespace, addon));
    meta.setAnnotations(annotations);
    return copy;
  }

  private void awaitEstablished(String name) {
    CustomResourceDefinition crd = CrdInstaller.awaitEstablished(client, name);
    crd.getSpec()
        .getVersions()
        .forEach(v -> resources.forget(crd.getSpec().getGroup() + "/" + v.getName()));
  }

  private List<String> prune(String addon, Set<GroupVersionKind> kinds, Set<Key> desired) {
    List<String> errors = new ArrayList<>();
    String hash = ObjectSetLabels.hash(addonNamespace, addon);
    Set<String> seenGroupKinds = new HashSet<>();
    for (GroupVersionKind gvk : kinds) {
      Optional<ResourceDefinitionContext> context;
      try {
        context = resources.resolve(gvk);
      } catch (KubernetesClientException e) {
        errors.add("discovery of " + gvk + ": " + message(e));
        continue;
      }
      if (context.isEmpty() || !seenGroupKinds.add(gvk.getGroup() + "/" + gvk.getKind())) {
        continue;
      }
      try {
        var operation = client.genericKubernetesResources(context.get());
        var existing =
            context.get().isNamespaceScoped()
                ? operation.inAnyNamespace().withLabel(ObjectSetLabels.HASH, hash).list()
                : operation.withLabel(ObjectSetLabels.HASH, hash).list();
        for (GenericKubernetesResource item : existing.getItems()) {
          ObjectMeta meta = item.getMetadata();
          Key key = new Key(gvk.getGroup(), gvk.getKind(), meta.getNamespace(), meta.getName());
          if (desired.contains(key) || meta.getDeletionTimestamp() != null) {
            continue;
          }
          var named =
              meta.getNamespace() == null
                  ? operation.withName(meta.getName())
                  : operation.inNamespace(meta.getNamespace()).withName(meta.getName());
          named.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
          LOG.info(
              "addon {}/{}: pruned {} {}{}",
              addonNamespace,
              addon,
              gvk.getKind(),
              meta.getNamespace() == null ? "" : meta.getNamespace() + "/",
              meta.getName());
        }
      } catch (KubernetesClientException e) {
        errors.add("pruning " + gvk.getKind() + " objects: " + message(e));
      }
    }
    return errors;
  }

  private static int priority(GroupVersionKind gvk) {
    if (gvk.getGroup().isEmpty() && "Namespace".equals(gvk.getKind())) {
      return 0;
    }
    return CRD_GROUP_KIND.equals(gvk.getGroup() + "/" + gvk.getKind()) ? 1 : 2;
  }

  static String message(RuntimeException e) {
    if (e instanceof KubernetesClientException k
        && k.getStatus() != null
        && k.getStatus().getMessage() != null) {
      return k.getStatus().getMessage();
    }
    return e.getMessage();
  }
}
