package io.k3j.core.apiserver.validation;

import static io.k3j.core.apiserver.validation.FieldPath.child;
import static io.k3j.core.apiserver.validation.FieldPath.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Upstream's Service checks: ports, type, session affinity and ExternalName. */
final class ServiceValidation {
  private static final List<String> TYPES =
      List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
  private static final List<String> AFFINITIES = List.of("ClientIP", "None");

  private ServiceValidation() {}

  static void service(JsonNode spec, FieldErrors errors) {
    String type = spec.path("type").asText("");
    boolean headless = spec.path("clusterIP").asText("").equals("None");
    JsonNode ports = spec.path("ports");
    if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
      errors.required("spec.ports", "");
    }
    if (type.equals("ExternalName")) {
      if (!spec.path("clusterIPs").isEmpty()) {
        errors.forbidden("spec.clusterIPs", "may not be set for ExternalName services");
      }
      String externalName = spec.path("externalName").asText("");
      String cname =
          externalName.endsWith(".")
              ? externalName.substring(0, externalName.length() - 1)
              : externalName;
      if (cname.isEmpty()) {
        errors.required("spec.externalName", "");
      } else {
        errors.invalidEach("spec.externalName", cname, Names.dns1123Subdomain(cname));
      }
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      port(ports.get(i), ports.size() > 1, names, index("spec.ports", i), errors);
    }
    MetadataValidation.labels(spec.path("selector"), "spec.selector", errors);
    String affinity = spec.path("sessionAffinity").asText("");
    if (affinity.isEmpty()) {
      errors.required("spec.sessionAffinity", "");
    } else if (!AFFINITIES.contains(affinity)) {
      errors.notSupported("spec.sessionAffinity", affinity, AFFINITIES);
    }
    if (type.isEmpty()) {
      errors.required("spec.type", "");
    } else if (!TYPES.contains(type)) {
      errors.notSupported("spec.type", type, TYPES);
    }
    if (type.equals("ClusterIP")) {
      for (int i = 0; i < ports.size(); i++) {
        if (ports.get(i).path("nodePort").asLong(0) != 0) {
          errors.forbidden(
              child(index("spec.ports", i), "nodePort"),
              "may not be used when `type` is 'ClusterIP'");
        }
      }
    }
    duplicatePorts(ports, errors);
  }

  private static void port(
      JsonNode port, boolean nameRequired, Set<String> names, String path, FieldErrors errors) {
    String name = port.path("name").asText("");
    if (nameRequired && name.isEmpty()) {
      errors.required(child(path, "name"), "");
    } else if (!name.isEmpty()) {
      errors.invalidEach(child(path, "name"), name, Names.dns1123Label(name));
      if (!names.add(name)) {
        errors.duplicate(child(path, "name"), name);
      }
    }
    long number = port.path("port").asLong(0);
    errors.invalidEach(child(path, "port"), number, Names.portNumber(number));
    String protocol = port.path("protocol").asText("");
    if (protocol.isEmpty()) {
      errors.required(child(path, "protocol"), "");
    } else if (!PodSpecValidation.PROTOCOLS.contains(protocol)) {
      errors.notSupported(child(path, "protocol"), protocol, PodSpecValidation.PROTOCOLS);
    }
    JsonNode target = port.path("targetPort");
    String targetPath = child(path, "targetPort");
    if (target.isTextual()) {
      if (target.asText().isEmpty()) {
        errors.required(targetPath, "");
      } else {
        errors.invalidEach(targetPath, target.asText(), Names.portName(target.asText()));
      }
    } else {
      errors.invalidEach(targetPath, target.asLong(0), Names.portNumber(target.asLong(0)));
    }
  }

  /** Two ports may not share a (protocol, port) pair; upstream prints the pair as a Go struct. */
  private static void duplicatePorts(JsonNode ports, FieldErrors errors) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      String protocol = ports.get(i).path("protocol").asText("");
      long number = ports.get(i).path("port").asLong(0);
      if (!seen.add(protocol + "/" + number)) {
        errors.duplicate(
            index("spec.ports", i),
            new GoLiteral(
                "core.ServicePort{Name:\"\", Protocol:"
                    + FieldErrors.quote(protocol)
                    + ", AppProtocol:(*string)(nil), Port:"
                    + number
                    + ", TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"},"
                    + " NodePort:0}"));
      }
    }
  }
}
