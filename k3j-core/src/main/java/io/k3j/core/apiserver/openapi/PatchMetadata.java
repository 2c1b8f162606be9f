package io.k3j.core.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream's patch and list metadata for built-in types, which the fabric8 model does not carry:
 * the Go struct tags {@code patchStrategy} / {@code patchMergeKey} and the {@code +listType} /
 * {@code +listMapKey} markers of k8s.io/api and k8s.io/apimachinery v0.32.0 (types.go of each group
 * version). kube-apiserver publishes them as {@code x-kubernetes-patch-strategy}, {@code
 * x-kubernetes-patch-merge-key}, {@code x-kubernetes-list-type} and {@code
 * x-kubernetes-list-map-keys}; kubectl reads the patch keys from OpenAPI v3 to build strategic
 * merge patches.
 */
final class PatchMetadata {
  /** One property's tags; null parts are absent upstream. */
  record Tags(String strategy, String mergeKey, String listType, List<String> mapKeys) {}

  /**
   * One line per property: {@code <schema>.<property> <patchStrategy> <patchMergeKey> <listType>
   * <listMapKeys>}, "-" for none; schemas in {@code meta.v1} are apimachinery's, the others
   * k8s.io/api's.
   */
  private static final String TABLE =
      """
        meta.v1.ObjectMeta.ownerReferences merge uid map uid
        meta.v1.ObjectMeta.finalizers merge - set -
        meta.v1.ObjectMeta.managedFields - - atomic -
        meta.v1.DeleteOptions.dryRun - - atomic -
        meta.v1.Status.details - - atomic -
        meta.v1.StatusDetails.causes - - atomic -
        meta.v1.LabelSelector.matchExpressions - - atomic -
        meta.v1.LabelSelectorRequirement.values - - atomic -
        core.v1.PersistentVolumeSpec.accessModes - - atomic -
        core.v1.PersistentVolumeSpec.mountOptions - - atomic -
        core.v1.PersistentVolumeClaimSpec.accessModes - - atomic -
        core.v1.PersistentVolumeClaimStatus.accessModes - - atomic -
        core.v1.PersistentVolumeClaimStatus.conditions merge type map type
        core.v1.RBDVolumeSource.monitors - - atomic -
        core.v1.RBDPersistentVolumeSource.monitors - - atomic -
        core.v1.CephFSVolumeSource.monitors - - atomic -
        core.v1.CephFSPersistentVolumeSource.monitors - - atomic -
        core.v1.SecretVolumeSource.items - - atomic -
        core.v1.SecretProjection.items - - atomic -
        core.v1.ISCSIVolumeSource.portals - - atomic -
        core.v1.ISCSIPersistentVolumeSource.portals - - atomic -
        core.v1.FCVolumeSource.targetWWNs - - atomic -
        core.v1.FCVolumeSource.wwids - - atomic -
        core.v1.ConfigMapVolumeSource.items - - atomic -
        core.v1.ConfigMapProjection.items - - atomic -
        core.v1.ProjectedVolumeSource.sources - - atomic -
        core.v1.HTTPGetAction.httpHeaders - - atomic -
        core.v1.ExecAction.command - - atomic -
        core.v1.Capabilities.add - - atomic -
        core.v1.Capabilities.drop - - atomic -
        core.v1.ResourceRequirements.claims - - map name
        core.v1.Container.command - - atomic -
        core.v1.Container.args - - atomic -
        core.v1.Container.ports merge containerPort map containerPort,protocol
        core.v1.Container.envFrom - - atomic -
        core.v1.Container.env merge name map name
        core.v1.Container.resizePolicy - - atomic -
        core.v1.Container.volumeMounts merge mountPath map mountPath
        core.v1.Container.volumeDevices merge devicePath map devicePath
        core.v1.ContainerStatus.volumeMounts merge mountPath map mountPath
        core.v1.ContainerStatus.allocatedResourcesStatus merge name map name
        core.v1.ResourceStatus.resources - - map resourceID
        core.v1.LinuxContainerUser.supplementalGroups - - atomic -
        core.v1.NodeSelector.nodeSelectorTerms - - atomic -
        core.v1.NodeSelectorTerm.matchExpressions - - atomic -
        core.v1.NodeSelectorTerm.matchFields - - atomic -
        core.v1.NodeSelectorRequirement.values - - atomic -
        core.v1.TopologySelectorTerm.matchLabelExpressions - - atomic -
        core.v1.TopologySelectorLabelRequirement.values - - atomic -
        core.v1.PodAffinity.requiredDuringSchedulingIgnoredDuringExecution - - atomic -
        core.v1.PodAffinity.preferredDuringSchedulingIgnoredDuringExecution - - atomic -
        core.v1.PodAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution - - atomic -
        core.v1.PodAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution - - atomic -
        core.v1.PodAffinityTerm.namespaces - - atomic -
        core.v1.PodAffinityTerm.matchLabelKeys - - atomic -
        core.v1.PodAffinityTerm.mismatchLabelKeys - - atomic -
        core.v1.NodeAffinity.preferredDuringSchedulingIgnoredDuringExecution - - atomic -
        core.v1.PodSpec.volumes merge,retainKeys name map name
        core.v1.PodSpec.initContainers merge name map name
        core.v1.PodSpec.containers merge name map name
        core.v1.PodSpec.ephemeralContainers merge name map name
        core.v1.PodSpec.imagePullSecrets merge name map name
        core.v1.PodSpec.tolerations - - atomic -
        core.v1.PodSpec.hostAliases merge ip map ip
        core.v1.PodSpec.readinessGates - - atomic -
        core.v1.PodSpec.topologySpreadConstraints merge topologyKey map topologyKey,whenUnsatisfiable
        core.v1.PodSpec.schedulingGates merge name map name
        core.v1.PodSpec.resourceClaims merge,retainKeys name map name
        core.v1.TopologySpreadConstraint.matchLabelKeys - - atomic -
        core.v1.HostAlias.hostnames - - atomic -
        core.v1.PodSecurityContext.supplementalGroups - - atomic -
        core.v1.PodSecurityContext.sysctls - - atomic -
        core.v1.PodDNSConfig.nameservers - - atomic -
        core.v1.PodDNSConfig.searches - - atomic -
        core.v1.PodDNSConfig.options - - atomic -
        core.v1.EphemeralContainer.command - - atomic -
        core.v1.EphemeralContainer.args - - atomic -
        core.v1.EphemeralContainer.ports merge containerPort map containerPort,protocol
        core.v1.EphemeralContainer.envFrom - - atomic -
        core.v1.EphemeralContainer.env merge name map name
        core.v1.EphemeralContainer.resizePolicy - - atomic -
        core.v1.EphemeralContainer.volumeMounts merge mountPath map mountPath
        core.v1.EphemeralContainer.volumeDevices merge devicePath map devicePath
        core.v1.PodStatus.conditions merge type map type
        core.v1.PodStatus.hostIPs merge ip atomic -
        core.v1.PodStatus.podIPs merge ip map ip
        core.v1.PodStatus.initContainerStatuses - - atomic -
        core.v1.PodStatus.containerStatuses - - atomic -
        core.v1.PodStatus.ephemeralContainerStatuses - - atomic -
        core.v1.PodStatus.resourceClaimStatuses merge,retainKeys name map name
        core.v1.ReplicationControllerStatus.conditions merge type map type
        core.v1.ServiceStatus.conditions merge type map type
        core.v1.LoadBalancerStatus.ingress - - atomic -
        core.v1.LoadBalancerIngress.ports - - atomic -
        core.v1.ServiceSpec.ports merge port map port,protocol
        core.v1.ServiceSpec.clusterIPs - - atomic -
        core.v1.ServiceSpec.externalIPs - - atomic -
        core.v1.ServiceSpec.loadBalancerSourceRanges - - atomic -
        core.v1.ServiceSpec.ipFamilies - - atomic -
        core.v1.ServiceAccount.secrets merge name map name
        core.v1.ServiceAccount.imagePullSecrets - - atomic -
        core.v1.Endpoints.subsets - - atomic -
        core.v1.EndpointSubset.addresses - - atomic -
        core.v1.EndpointSubset.notReadyAddresses - - atomic -
        core.v1.EndpointSubset.ports - - atomic -
        core.v1.NodeSpec.podCIDRs merge - set -
        core.v1.NodeSpec.taints - - atomic -
        core.v1.NodeStatus.conditions merge type map type
        core.v1.NodeStatus.addresses merge type map type
        core.v1.NodeStatus.images - - atomic -
        core.v1.NodeStatus.volumesInUse - - atomic -
        core.v1.NodeStatus.volumesAttached - - atomic -
        core.v1.NodeStatus.runtimeHandlers - - atomic -
        core.v1.ContainerImage.names - - atomic -
        core.v1.NamespaceSpec.finalizers - - atomic -
        core.v1.NamespaceStatus.conditions merge type map type
        core.v1.LimitRangeSpec.limits - - atomic -
        core.v1.ResourceQuotaSpec.scopes - - atomic -
        core.v1.ScopeSelector.matchExpressions - - atomic -
        core.v1.ScopedResourceSelectorRequirement.values - - atomic -
        core.v1.DownwardAPIVolumeSource.items - - atomic -
        core.v1.DownwardAPIProjection.items - - atomic -
        apps.v1.StatefulSetSpec.volumeClaimTemplates - - atomic -
        apps.v1.StatefulSetStatus.conditions merge type map type
        apps.v1.DeploymentSpec.strategy retainKeys - - -
        apps.v1.DeploymentStatus.conditions merge type map type
        apps.v1.DaemonSetStatus.conditions merge type map type
        apps.v1.ReplicaSetStatus.conditions merge type map type
        batch.v1.PodFailurePolicyOnExitCodesRequirement.values - - set -
        batch.v1.PodFailurePolicyRule.onPodConditions - - atomic -
        batch.v1.PodFailurePolicy.rules - - atomic -
        batch.v1.SuccessPolicy.rules - - atomic -
        batch.v1.JobStatus.conditions merge type atomic -
        batch.v1.UncountedTerminatedPods.succeeded - - set -
        batch.v1.UncountedTerminatedPods.failed - - set -
        batch.v1.CronJobStatus.active - - atomic -
        autoscaling.v2.HorizontalPodAutoscalerSpec.metrics - - atomic -
        autoscaling.v2.HPAScalingRules.policies - - atomic -
        autoscaling.v2.HorizontalPodAutoscalerStatus.currentMetrics - - atomic -
        autoscaling.v2.HorizontalPodAutoscalerStatus.conditions merge type map type
        policy.v1.PodDisruptionBudgetSpec.selector replace - - -
        policy.v1.PodDisruptionBudgetStatus.conditions merge type map type
        networking.v1.NetworkPolicySpec.ingress - - atomic -
        networking.v1.NetworkPolicySpec.egress - - atomic -
        networking.v1.NetworkPolicySpec.policyTypes - - atomic -
        networking.v1.NetworkPolicyIngressRule.ports - - atomic -
        networking.v1.NetworkPolicyIngressRule.from - - atomic -
        networking.v1.NetworkPolicyEgressRule.ports - - atomic -
        networking.v1.NetworkPolicyEgressRule.to - - atomic -
        networking.v1.IPBlock.except - - atomic -
        networking.v1.IngressSpec.tls - - atomic -
        networking.v1.IngressSpec.rules - - atomic -
        networking.v1.IngressTLS.hosts - - atomic -
        networking.v1.IngressLoadBalancerStatus.ingress - - atomic -
        networking.v1.IngressLoadBalancerIngress.ports - - atomic -
        networking.v1.HTTPIngressRuleValue.paths - - atomic -
        discovery.v1.EndpointSlice.endpoints - - atomic -
        discovery.v1.EndpointSlice.ports - - atomic -
        discovery.v1.Endpoint.addresses - - set -
        discovery.v1.EndpointHints.forZones - - atomic -
        rbac.v1.PolicyRule.verbs - - atomic -
        rbac.v1.PolicyRule.apiGroups - - atomic -
        rbac.v1.PolicyRule.resources - - atomic -
        rbac.v1.PolicyRule.resourceNames - - atomic -
        rbac.v1.PolicyRule.nonResourceURLs - - atomic -
        rbac.v1.Role.rules - - atomic -
        rbac.v1.RoleBinding.subjects - - atomic -
        rbac.v1.ClusterRole.rules - - atomic -
        rbac.v1.AggregationRule.clusterRoleSelectors - - atomic -
        rbac.v1.ClusterRoleBinding.subjects - - atomic -
        storage.v1.StorageClass.mountOptions - - atomic -
        storage.v1.StorageClass.allowedTopologies - - atomic -
        node.v1.Scheduling.tolerations - - atomic -
      """;

  private static final Map<String, Map<String, Tags>> BY_SCHEMA = parse();

  private PatchMetadata() {}

  /** Adds the upstream extensions of {@code schema}'s {@code property}, if it has any. */
  static void annotate(String schema, String property, ObjectNode propertySchema) {
    Tags tags = BY_SCHEMA.getOrDefault(schema, Map.of()).get(property);
    if (tags == null) {
      return;
    }
    if (tags.mapKeys() != null) {
      ArrayNode keys = propertySchema.putArray("x-kubernetes-list-map-keys");
      tags.mapKeys().forEach(keys::add);
    }
    if (tags.listType() != null) {
      propertySchema.put("x-kubernetes-list-type", tags.listType());
    }
    if (tags.mergeKey() != null) {
      propertySchema.put("x-kubernetes-patch-merge-key", tags.mergeKey());
    }
    if (tags.strategy() != null) {
      propertySchema.put("x-kubernetes-patch-strategy", tags.strategy());
    }
  }

  /** Every schema the table names, with its tagged properties (for tests). */
  static Map<String, Map<String, Tags>> all() {
    return BY_SCHEMA;
  }

  private static Map<String, Map<String, Tags>> parse() {
    Map<String, Map<String, Tags>> table = new HashMap<>();
    for (String line : TABLE.strip().split("\n")) {
      String[] columns = line.strip().split(" ");
      int dot = columns[0].lastIndexOf('.');
      String schema = columns[0].substring(0, dot);
      schema =
          schema.startsWith("meta.v1.")
              ? SchemaNames.META + schema.substring("meta.v1.".length())
              : "io.k8s.api." + schema;
      Tags tags =
          new Tags(
              value(columns[1]),
              value(columns[2]),
              value(columns[3]),
              columns[4].equals("-") ? null : List.of(columns[4].split(",")));
      table.computeIfAbsent(schema, s -> new HashMap<>()).put(columns[0].substring(dot + 1), tags);
    }
    table.replaceAll((schema, properties) -> Map.copyOf(properties));
    return Map.copyOf(table);
  }

  private static String value(String column) {
    return column.equals("-") ? null : column;
  }
}
