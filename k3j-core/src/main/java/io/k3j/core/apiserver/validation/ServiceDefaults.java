package io.k3j.core.apiserver.validation;

import static io.k3j.core.apiserver.validation.Defaulting.object;
import static io.k3j.core.apiserver.validation.Defaulting.objects;
import static io.k3j.core.apiserver.validation.Defaulting.set;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Upstream's Service defaults, including the IP family fields the service REST storage fills on a
 * single-stack IPv4 cluster. Cluster IPs and node ports are allocated by the server, not here.
 */
final class ServiceDefaults {
  private ServiceDefaults() {}

  static void service(ObjectNode spec) {
    set(spec, "type", "ClusterIP");
    set(spec, "sessionAffinity", "None");
    if (spec.path("sessionAffinity").asText().equals("ClientIP")) {
      set(object(object(spec, "sessionAffinityConfig"), "clientIP"), "timeoutSeconds", 10800);
    }
    for (ObjectNode port : objects(spec, "ports")) {
      set(port, "protocol", "TCP");
      if (port.hasNonNull("port")) {
        set(port, "targetPort", port.get("port"));
      }
    }
    String type = spec.path("type").asText();
    if (type.equals("ExternalName")) {
      return;
    }
    set(spec, "internalTrafficPolicy", "Cluster");
    if (type.equals("NodePort") || type.equals("LoadBalancer")) {
      set(spec, "externalTrafficPolicy", "Cluster");
    }
    if (type.equals("LoadBalancer")) {
      set(spec, "allocateLoadBalancerNodePorts", true);
    }
    boolean headlessWithoutSelector =
        spec.path("clusterIP").asText("").equals("None") && spec.path("selector").isEmpty();
    set(spec, "ipFamilyPolicy", headlessWithoutSelector ? "RequireDualStack" : "SingleStack");
    set(spec, "ipFamilies", Defaulting.strings("IPv4"));
  }
}
