package io.k3j.core.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Printers of networking.k8s.io/v1 and discovery.k8s.io/v1 kinds. */
final class NetworkPrinters {
  private NetworkPrinters() {}

  /** By {@code group/kind}. */
  static Map<String, Printer> all() {
    return Map.of(
        "networking.k8s.io/Ingress", ingress(),
        "networking.k8s.io/IngressClass", ingressClass(),
        "networking.k8s.io/NetworkPolicy", networkPolicy(),
        "discovery.k8s.io/EndpointSlice", endpointSlice());
  }

  static Printer ingress() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string(
                "Class",
                "The name of the IngressClass resource that should be used for additional"
                    + " configuration"),
            Column.string(
                "Hosts",
                "Hosts that incoming requests are matched against before the ingress rule"),
            Column.string(
                "Address", "Address is a list containing ingress points for the load-balancer"),
            Column.string("Ports", "Ports of TLS configurations that open"),
            Column.age()),
        (o, now) ->
            List.of(
                Cells.name(o),
                Cells.text(o, "/spec/ingressClassName", Labels.NONE),
                hosts(o.at("/spec/rules")),
                String.join(",", CorePrinters.loadBalancerAddresses(o)),
                Cells.count(o, "/spec/tls") > 0 ? "80, 443" : "80",
                Cells.age(o, now)));
  }

  /** The first three rule hosts, {@code *} when no rule names one. */
  private static String hosts(JsonNode rules) {
    List<String> hosts = new ArrayList<>();
    for (JsonNode rule : rules) {
      if (hosts.size() == 3) {
        return String.join(",", hosts) + " + " + (rules.size() - 3) + " more...";
      }
      String host = rule.path("host").asText("");
      if (!host.isEmpty()) {
        hosts.add(host);
      }
    }
    return hosts.isEmpty() ? "*" : String.join(",", hosts);
  }

  static Printer ingressClass() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Controller", "Controller that is responsible for handling this class"),
            Column.string("Parameters", "A reference to a resource with additional parameters"),
            Column.age()),
        (o, now) -> {
          JsonNode parameters = o.at("/spec/parameters");
          String reference = Labels.NONE;
          if (parameters.isObject()) {
            String group = parameters.path("apiGroup").asText("");
            reference =
                parameters.path("kind").asText("")
                    + (parameters.has("apiGroup") ? "." + group : "")
                    + "/"
                    + parameters.path("name").asText("");
          }
          return List.of(
              Cells.name(o), Cells.text(o, "/spec/controller"), reference, Cells.age(o, now));
        });
  }

  static Printer networkPolicy() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Pod-Selector", "The pods the policy applies to."),
            Column.age()),
        (o, now) ->
            List.of(Cells.name(o), Labels.selector(o.at("/spec/podSelector")), Cells.age(o, now)));
  }

  static Printer endpointSlice() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("AddressType", "The type of the addresses: IPv4, IPv6 or FQDN."),
            Column.string("Ports", "The ports of the endpoints."),
            Column.string("Endpoints", "The addresses of the endpoints."),
            Column.age()),
        (o, now) -> {
          ShortList ports = new ShortList(3);
          for (JsonNode port : o.path("ports")) {
            String number = port.path("port").asText("");
            ports.add(number.isEmpty() ? port.path("name").asText("*") : number);
          }
          ShortList addresses = new ShortList(3);
          for (JsonNode endpoint : o.path("endpoints")) {
            endpoint.path("addresses").forEach(a -> addresses.add(a.asText()));
          }
          return List.of(
              Cells.name(o),
              Cells.text(o, "/addressType"),
              ports.format(",", "<unset>"),
              addresses.format(",", "<unset>"),
              Cells.age(o, now));
        });
  }
}
