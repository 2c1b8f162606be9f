package io.k3j.core.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Printers of RBAC bindings, Leases, PriorityClasses and RuntimeClasses. Roles and ClusterRoles
 * have no printer upstream: they get the default Name / Created At.
 */
final class ClusterPrinters {
  private ClusterPrinters() {}

  /** By {@code group/kind}. */
  static Map<String, Printer> all() {
    String rbac = "rbac.authorization.k8s.io/";
    return Map.of(
        rbac + "RoleBinding",
        binding("roleBinding"),
        rbac + "ClusterRoleBinding",
        binding("clusterRoleBinding"),
        "coordination.k8s.io/Lease",
        lease(),
        "scheduling.k8s.io/PriorityClass",
        priorityClass(),
        "node.k8s.io/RuntimeClass",
        runtimeClass());
  }

  static Printer binding(String kind) {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Role", "The role the binding grants."),
            Column.age(),
            Column.string("Users", "Users in the " + kind).wide(),
            Column.string("Groups", "Groups in the " + kind).wide(),
            Column.string("ServiceAccounts", "ServiceAccounts in the " + kind).wide()),
        (o, now) ->
            List.of(
                Cells.name(o),
                Cells.text(o, "/roleRef/kind") + "/" + Cells.text(o, "/roleRef/name"),
                Cells.age(o, now),
                subjects(o, "User"),
                subjects(o, "Group"),
                subjects(o, "ServiceAccount")));
  }

  /** Names of the subjects of one kind; service accounts as {@code namespace/name}. */
  private static String subjects(JsonNode binding, String kind) {
    List<String> names = new ArrayList<>();
    for (JsonNode subject : binding.path("subjects")) {
      if (subject.path("kind").asText().equals(kind)) {
        String name = subject.path("name").asText("");
        names.add(
            kind.equals("ServiceAccount")
                ? subject.path("namespace").asText("") + "/" + name
                : name);
      }
    }
    return String.join(", ", names);
  }

  static Printer lease() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Holder", "The current holder of the lease."),
            Column.age()),
        (o, now) ->
            List.of(Cells.name(o), Cells.text(o, "/spec/holderIdentity"), Cells.age(o, now)));
  }

  static Printer priorityClass() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.integer("Value", "The priority pods of this class receive."),
            Column.bool("Global-Default", "Whether pods without a class get this one."),
            Column.age(),
            Column.string("PreemptionPolicy", "Whether pods of this class preempt others.")),
        (o, now) ->
            List.of(
                Cells.name(o),
                Cells.number(o, "/value"),
                o.path("globalDefault").asBoolean(false),
                Cells.age(o, now),
                Cells.text(o, "/preemptionPolicy")));
  }

  static Printer runtimeClass() {
    return Printer.of(
        List.of(
            Column.objectName(),
            Column.string("Handler", "The CRI handler of the class."),
            Column.age()),
        (o, now) -> List.of(Cells.name(o), Cells.text(o, "/handler"), Cells.age(o, now)));
  }
}
