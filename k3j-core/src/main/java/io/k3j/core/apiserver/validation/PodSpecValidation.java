package io.k3j.core.apiserver.validation;

import static io.k3j.core.apiserver.validation.FieldPath.child;
import static io.k3j.core.apiserver.validation.FieldPath.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Upstream's PodSpec checks, for Pods and for the pod templates of workloads. */
final class PodSpecValidation {
  private static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
  private static final List<String> DNS_POLICIES =
      List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
  private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
  private static final List<String> MESSAGE_POLICIES = List.of("FallbackToLogsOnError", "File");
  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

  private PodSpecValidation() {}

  /** A PodTemplateSpec: its labels and annotations (upstream's paths omit "metadata"), its spec. */
  static void template(JsonNode template, String path, FieldErrors errors) {
    JsonNode metadata = template.path("metadata");
    MetadataValidation.labels(metadata.path("labels"), child(path, "labels"), errors);
    MetadataValidation.annotations(
        metadata.path("annotations"), child(path, "annotations"), errors);
    spec(template.path("spec"), child(path, "spec"), errors);
  }

  static void spec(JsonNode spec, String path, FieldErrors errors) {
    Set<String> volumes = volumes(spec.path("volumes"), child(path, "volumes"), errors);
    JsonNode containers = spec.path("containers");
    if (containers.isEmpty()) {
      errors.required(child(path, "containers"), "");
    }
    Set<String> names = new HashSet<>();
    containers(spec.path("initContainers"), child(path, "initContainers"), volumes, names, errors);
    containers(containers, child(path, "containers"), volumes, names, errors);
    String restartPolicy = spec.path("restartPolicy").asText("");
    if (restartPolicy.isEmpty()) {
      errors.required(child(path, "restartPolicy"), "");
    } else if (!RESTART_POLICIES.contains(restartPolicy)) {
      errors.notSupported(child(path, "restartPolicy"), restartPolicy, RESTART_POLICIES);
    }
    String dnsPolicy = spec.path("dnsPolicy").asText("");
    if (dnsPolicy.isEmpty()) {
      errors.required(child(path, "dnsPolicy"), "");
    } else if (!DNS_POLICIES.contains(dnsPolicy)) {
      errors.notSupported(child(path, "dnsPolicy"), dnsPolicy, DNS_POLICIES);
    }
    String serviceAccount = spec.path("serviceAccountName").asText("");
    if (!serviceAccount.isEmpty()) {
      errors.invalidEach(
          child(path, "serviceAccountName"),
          serviceAccount,
          Names.dns1123Subdomain(serviceAccount));
    }
    for (String field : List.of("hostname", "subdomain")) {
      String value = spec.path(field).asText("");
      if (!value.isEmpty()) {
        errors.invalidEach(child(path, field), value, Names.dns1123Label(value));
      }
    }
    JsonNode deadline = spec.path("activeDeadlineSeconds");
    if (deadline.isNumber() && (deadline.asLong() < 1 || deadline.asLong() > Integer.MAX_VALUE)) {
      errors.invalid(
          child(path, "activeDeadlineSeconds"),
          deadline.asLong(),
          Names.inclusiveRange(1, Integer.MAX_VALUE));
    }
  }

  private static Set<String> volumes(JsonNode volumes, String path, FieldErrors errors) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < volumes.size(); i++) {
      JsonNode volume = volumes.get(i);
      String at = index(path, i);
      if (volume.size() - (volume.has("name") ? 1 : 0) == 0) {
        errors.required(at, "must specify a volume type");
      }
      String name = volume.path("name").asText("");
      if (name.isEmpty()) {
        errors.required(child(at, "name"), "");
      } else {
        errors.invalidEach(child(at, "name"), name, Names.dns1123Label(name));
      }
      if (!names.add(name)) {
        errors.duplicate(child(at, "name"), name);
      }
    }
    return names;
  }

  private static void containers(
      JsonNode containers,
      String path,
      Set<String> volumes,
      Set<String> names,
      FieldErrors errors) {
    for (int i = 0; i < containers.size(); i++) {
      container(containers.get(i), index(path, i), volumes, names, errors);
    }
  }

  private static void container(
      JsonNode container, String path, Set<String> volumes, Set<String> names, FieldErrors errors) {
    String name = container.path("name").asText("");
    if (name.isEmpty()) {
      errors.required(child(path, "name"), "");
    } else {
      errors.invalidEach(child(path, "name"), name, Names.dns1123Label(name));
    }
    if (!name.isEmpty() && !names.add(name)) {
      errors.duplicate(child(path, "name"), name);
    }
    String image = container.path("image").asText("");
    if (image.isEmpty()) {
      errors.required(child(path, "image"), "");
    } else if (!image.equals(image.strip())) {
      errors.invalid(child(path, "image"), image, "must not have leading or trailing whitespace");
    }
    ports(container.path("ports"), child(path, "ports"), errors);
    env(container.path("env"), child(path, "env"), errors);
    volumeMounts(container.path("volumeMounts"), child(path, "volumeMounts"), volumes, errors);
    oneOf(container, "terminationMessagePolicy", MESSAGE_POLICIES, path, errors);
    oneOf(container, "imagePullPolicy", PULL_POLICIES, path, errors);
  }

  private static void oneOf(
      JsonNode node, String field, List<String> supported, String path, FieldErrors errors) {
    String value = node.path(field).asText("");
    if (value.isEmpty()) {
      errors.required(child(path, field), "");
    } else if (!supported.contains(value)) {
      errors.notSupported(child(path, field), value, supported);
    }
  }

  private static void ports(JsonNode ports, String path, FieldErrors errors) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      JsonNode port = ports.get(i);
      String at = index(path, i);
      String name = port.path("name").asText("");
      if (!name.isEmpty()) {
        List<String> messages = Names.portName(name);
        if (!messages.isEmpty()) {
          errors.invalidEach(child(at, "name"), name, messages);
        } else if (!names.add(name)) {
          errors.duplicate(child(at, "name"), name);
        }
      }
      long containerPort = port.path("containerPort").asLong(0);
      if (containerPort == 0) {
        errors.required(child(at, "containerPort"), "");
      } else {
        errors.invalidEach(
            child(at, "containerPort"), containerPort, Names.portNumber(containerPort));
      }
      long hostPort = port.path("hostPort").asLong(0);
      if (hostPort != 0) {
        errors.invalidEach(child(at, "hostPort"), hostPort, Names.portNumber(hostPort));
      }
      String protocol = port.path("protocol").asText("");
      if (protocol.isEmpty()) {
        errors.required(child(at, "protocol"), "");
      } else if (!PROTOCOLS.contains(protocol)) {
        errors.notSupported(child(at, "protocol"), protocol, PROTOCOLS);
      }
    }
  }

  private static void env(JsonNode env, String path, FieldErrors errors) {
    for (int i = 0; i < env.size(); i++) {
      String name = env.get(i).path("name").asText("");
      String at = child(index(path, i), "name");
      if (name.isEmpty()) {
        errors.required(at, "");
      }
      errors.invalidEach(at, name, Names.envVarName(name));
    }
  }

  private static void volumeMounts(
      JsonNode mounts, String path, Set<String> volumes, FieldErrors errors) {
    Set<String> mountPaths = new HashSet<>();
    for (int i = 0; i < mounts.size(); i++) {
      JsonNode mount = mounts.get(i);
      String at = index(path, i);
      String name = mount.path("name").asText("");
      if (name.isEmpty()) {
        errors.required(child(at, "name"), "");
      }
      if (!volumes.contains(name)) {
        errors.notFound(child(at, "name"), name);
      }
      String mountPath = mount.path("mountPath").asText("");
      if (mountPath.isEmpty()) {
        errors.required(child(at, "mountPath"), "");
      }
      if (!mountPaths.add(mountPath)) {
        errors.invalid(child(at, "mountPath"), mountPath, "must be unique");
      }
    }
  }
}
