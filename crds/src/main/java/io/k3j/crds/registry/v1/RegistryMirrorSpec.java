package io.k3j.crds.registry.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** The desired state of a {@link RegistryMirror}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RegistryMirrorSpec {
  /** Registries to mirror through the local registry, in the order nodes list them. */
  @Required
  @Size(min = 1)
  private List<MirrorUpstream> upstreams;

  /** How nodes reach the local registry; absent: the operator's default endpoint. */
  private MirrorNodes nodes;

  /**
   * ConfigMap (same namespace) that receives {@code registries.yaml} and the {@code hosts.toml}
   * files; absent: the mirror's name.
   */
  private String configMapName;

  public List<MirrorUpstream> getUpstreams() {
    return upstreams;
  }

  public void setUpstreams(List<MirrorUpstream> upstreams) {
    this.upstreams = upstreams;
  }

  public MirrorNodes getNodes() {
    return nodes;
  }

  public void setNodes(MirrorNodes nodes) {
    this.nodes = nodes;
  }

  public String getConfigMapName() {
    return configMapName;
  }

  public void setConfigMapName(String configMapName) {
    this.configMapName = configMapName;
  }
}
