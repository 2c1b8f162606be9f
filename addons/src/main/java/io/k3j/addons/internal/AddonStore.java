package io.k3j.addons.internal;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.k3j.crds.k3s.v1.Addon;
import io.k3j.crds.k3s.v1.AddonSpec;
import io.k3j.crds.k3s.v1.AddonStatus;
import io.k3j.crds.k3s.v1.GroupVersionKind;
import java.util.HashMap;
import java.util.Set;

/** Reads and writes the Addon objects of one namespace. */
public final class AddonStore {
  private final KubernetesClient client;
  private final String namespace;

  public AddonStore(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  public String namespace() {
    return namespace;
  }

  public Addon get(String name) {
    return named(name).get();
  }

  /** The Addon {@code name}, created with {@code source} when there is none yet. */
  public Addon getOrCreate(String name, String source) {
    Addon addon = get(name);
    if (addon != null) {
      return addon;
    }
    addon = new Addon();
    addon.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    AddonSpec spec = new AddonSpec();
    spec.setSource(source);
    addon.setSpec(spec);
    return client.resources(Addon.class).inNamespace(namespace).resource(addon).create();
  }

  /** The kinds the Addon applied last, from its annotation and its status. */
  public static Set<GroupVersionKind> appliedKinds(Addon addon) {
    Set<GroupVersionKind> kinds =
        Gvks.parse(
            addon.getMetadata().getAnnotations() == null
                ? null
                : addon.getMetadata().getAnnotations().get(Addon.GVKS_ANNOTATION));
    if (addon.getStatus() != null && addon.getStatus().getGvks() != null) {
      kinds.addAll(addon.getStatus().getGvks());
    }
    return kinds;
  }

  /** Records a successful apply: source, checksum and the kinds applied. */
  public Addon recordApplied(
      String name, String source, String checksum, Set<GroupVersionKind> kinds) {
    Addon updated =
        named(name)
            .edit(
                a -> {
                  if (a.getSpec() == null) {
                    a.setSpec(new AddonSpec());
                  }
                  a.getSpec().setSource(source);
                  a.getSpec().setChecksum(checksum);
                  var annotations =
                      new HashMap<>(
                          a.getMetadata().getAnnotations() == null
                              ? java.util.Map.<String, String>of()
                              : a.getMetadata().getAnnotations());
                  annotations.put(Addon.GVKS_ANNOTATION, Gvks.format(kinds));
                  a.getMetadata().setAnnotations(annotations);
                  return a;
                });
    return named(name)
        .editStatus(
            a -> {
              AddonStatus status = new AddonStatus();
              status.setGvks(Gvks.sorted(kinds));
              a.setStatus(status);
              return a;
            });
  }

  public void delete(String name) {
    named(name).delete();
  }

  private Resource<Addon> named(String name) {
    return client.resources(Addon.class).inNamespace(namespace).withName(name);
  }
}
