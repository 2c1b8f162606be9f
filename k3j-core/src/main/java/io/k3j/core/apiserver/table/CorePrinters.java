package io.k3j.core.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Printers of core/v1 kinds other than Pod, Event and volumes, with kube-apiserver 1.32's columns.
 * Values an API server would have defaulted (a Service's type, a port's protocol) are read as their
 * defaults when missing.
 */
final class CorePrinters {
  private CorePrinters() {}

  /** By kind. */
  static Map<String, Printer> all() {
    return Map.of(
        "Namespace", namespace(),
        "Node", node(),
        "Service", service(),
        "Endpoints", endpoints(),
        "ConfigMap", configMap(),
        "Secret", secret(),
        "ServiceAccount", serviceAccount(),
        "ResourceQuota", resourceQuota());
  }

  static Printer namespace() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Status", "The status of the namespace"),
            Column.age()),
        (o, now) -> List.of(Cells.name(o), Cells.text(o, "/status/phase"), Cells.age(o, now)));
  }

  static Printer configMap() {
    return Printer.of(
        List.of(
            Column.objectName(), Column.string("Data", "The number of data keys."), Column.age()),
        (o, now) ->
            List.of(
                Cells.name(o),
                Cells.count(o, "/data") + Cells.count(o, "/binaryData"),
                Cells.age(o, now)));
  }

  static Printer secret() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Type", "Used to facilitate programmatic handling of secret data."),
            Column.string("Data", "The number of data keys."),
            Column.age()),
        (o, now) ->
            List.of(
                Cells.name(o), Cells.text(o, "/type"), Cells.count(o, "/data"), Cells.age(o, now)));
  }

  static Printer serviceAccount() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Secrets", "The number of secrets the service account lists."),
            Column.age()),
        (o, now) -> List.of(Cells.name(o), Cells.count(o, "/secrets"), Cells.age(o, now)));
  }

  static Printer node() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Status", "The status of the node"),
            Column.string("Roles", "The roles of the node"),
            Column.age(),
            Column.string("Version", "The kubelet version of the node."),
            Column.string("Internal-IP", "The node's first InternalIP address.").wide(),
            Column.string("External-IP", "The node's first ExternalIP address.").wide(),
            Column.string("OS-Image", "The OS image the node reports.").wide(),
            Column.string("Kernel-Version", "The kernel version the node reports.").wide(),
            Column.string("Container-Runtime", "The container runtime the node reports.").wide()),
        (o, now) ->
            List.of(
                Cells.name(o),
                nodeStatus(o),
                nodeRoles(o),
                Cells.age(o, now),
                Cells.text(o, "/status/nodeInfo/kubeletVersion"),
                nodeAddress(o, "InternalIP"),
                nodeAddress(o, "ExternalIP"),
                Cells.text(o, "/status/nodeInfo/osImage", "<unknown>"),
                Cells.text(o, "/status/nodeInfo/kernelVersion", "<unknown>"),
                Cells.text(o, "/status/nodeInfo/containerRuntimeVersion", "<unknown>")));
  }

  private static String nodeStatus(JsonNode node) {
    List<String> status = new ArrayList<>();
    for (JsonNode condition : node.at("/status/conditions")) {
      if (condition.path("type").asText().equals("Ready")) {
        status.clear();
        status.add(condition.path("status").asText().equals("True") ? "Ready" : "NotReady");
      }
    }
    if (status.isEmpty()) {
      status.add("Unknown");
    }
    if (node.at("/spec/unschedulable").asBoolean(false)) {
      status.add("SchedulingDisabled");
    }
    return String.join(",", status);
  }

  /** Roles from {@code node-role.kubernetes.io/<role>} and {@code kubernetes.io/role} labels. */
  private static String nodeRoles(JsonNode node) {
    TreeSet<String> roles = new TreeSet<>();
    node.at("/metadata/labels")
        .fields()
        .forEachRemaining(
            label -> {
              String key = label.getKey();
              if (key.startsWith("node-role.kubernetes.io/")) {
                String role = key.substring("node-role.kubernetes.io/".length());
                if (!role.isEmpty()) {
                  roles.add(role);
                }
              } else if (key.equals("kubernetes.io/role") && !label.getValue().asText().isEmpty()) {
                roles.add(label.getValue().asText());
              }
            });
    return roles.isEmpty() ? Labels.NONE : String.join(",", roles);
  }

  private static String nodeAddress(JsonNode node, String type) {
    for (JsonNode address : node.at("/status/addresses")) {
      if (address.path("type").asText().equals(type)) {
        return address.path("address").asText();
      }
    }
    return Labels.NONE;
  }

  static Printer service() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Type", "How the service is exposed."),
            Column.string("Cluster-IP", "The IP address of the service inside the cluster."),
            Column.string("External-IP", "The addresses the service is reachable on outside."),
            Column.string("Port(s)", "The ports the service exposes."),
            Column.age(),
            Column.string("Selector", "The labels of the pods the service routes to.").wide()),
        (o, now) ->
            List.of(
                Cells.name(o),
                serviceType(o),
                Cells.text(o, "/spec/clusterIPs/0", Labels.NONE),
                serviceExternalIp(o),
                servicePorts(o),
                Cells.age(o, now),
                Labels.format(o.at("/spec/selector"))));
  }

  private static String serviceType(JsonNode service) {
    return Cells.text(service, "/spec/type", "ClusterIP");
  }

  private static String serviceExternalIp(JsonNode service) {
    List<String> externalIps = new ArrayList<>();
    service.at("/spec/externalIPs").forEach(ip -> externalIps.add(ip.asText()));
    switch (serviceType(service)) {
      case "ClusterIP":
      case "NodePort":
        return externalIps.isEmpty() ? Labels.NONE : String.join(",", externalIps);
      case "LoadBalancer":
        List<String> addresses = new ArrayList<>(loadBalancerAddresses(service));
        addresses.addAll(externalIps);
        return addresses.isEmpty() ? "<pending>" : String.join(",", addresses);
      case "ExternalName":
        return Cells.text(service, "/spec/externalName");
      default:
        return "<unknown>";
    }
  }

  /** The IPs, else host names, of {@code status.loadBalancer.ingress}, sorted and distinct. */
  static TreeSet<String> loadBalancerAddresses(JsonNode object) {
    TreeSet<String> addresses = new TreeSet<>();
    for (JsonNode ingress : object.at("/status/loadBalancer/ingress")) {
      String address = ingress.path("ip").asText("");
      addresses.add(address.isEmpty() ? ingress.path("hostname").asText("") : address);
    }
    addresses.remove("");
    return addresses;
  }

  private static String servicePorts(JsonNode service) {
    List<String> ports = new ArrayList<>();
    for (JsonNode port : service.at("/spec/ports")) {
      String protocol = port.path("protocol").asText("TCP");
      long nodePort = port.path("nodePort").asLong();
      String number = port.path("port").asText();
      ports.add(nodePort > 0 ? number + ":" + nodePort + "/" + protocol : number + "/" + protocol);
    }
    return ports.isEmpty() ? Labels.NONE : String.join(",", ports);
  }

  static Printer endpoints() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Endpoints", "The endpoint addresses."),
            Column.age()),
        (o, now) -> List.of(Cells.name(o), endpointList(o), Cells.age(o, now)));
  }

  /** Up to three {@code ip:port} entries, then {@code + N more...}. */
  private static String endpointList(JsonNode endpoints) {
    JsonNode subsets = endpoints.path("subsets");
    if (subsets.size() == 0) {
      return Labels.NONE;
    }
    ShortList list = new ShortList(3);
    for (JsonNode subset : subsets) {
      JsonNode addresses = subset.path("addresses");
      if (subset.path("ports").size() == 0) {
        addresses.forEach(a -> list.add(a.path("ip").asText()));
        continue;
      }
      for (JsonNode port : subset.path("ports")) {
        for (JsonNode address : addresses) {
          list.add(hostPort(address.path("ip").asText(), port.path("port").asText()));
        }
      }
    }
    return list.format(",", "");
  }

  private static String hostPort(String host, String port) {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }

  static Printer resourceQuota() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Request", "Used/hard of each quota that is not a limit."),
            Column.string("Limit", "Used/hard of each limits.* quota."),
            Column.age()),
        (o, now) -> {
          List<String> requests = new ArrayList<>();
          List<String> limits = new ArrayList<>();
          TreeSet<String> resources = new TreeSet<>();
          o.at("/status/hard").fieldNames().forEachRemaining(resources::add);
          for (String resource : resources) {
            String used = o.at("/status/used").path(resource).asText("0");
            String entry =
                resource + ": " + used + "/" + o.at("/status/hard").path(resource).asText();
            (resource.startsWith("limits.") ? limits : requests).add(entry);
          }
          return List.of(
              Cells.name(o),
              String.join(", ", requests),
              String.join(", ", limits),
              Cells.age(o, now));
        });
  }
}
