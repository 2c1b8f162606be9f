package io.k3j.core.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.ApiRequest;
import io.k3j.core.apiserver.resources.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RbacPolicyTest {
  private static final ApiRequest.User SA =
      new ApiRequest.User(
          "system:serviceaccount:ns:robot",
          List.of("system:serviceaccounts", "system:serviceaccounts:ns", "system:authenticated"));

  private static JsonNode json(String text) {
    return Json.tree(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private static final RbacPolicy POLICY =
      RbacPolicy.of(
          List.of(
              json(
                  "{'kind':'Role','metadata':{'namespace':'ns','name':'cm-reader'},"
                      + "'rules':[{'verbs':['get','list'],'apiGroups':[''],'resources':['configmaps']}]}"),
              json(
                  "{'kind':'RoleBinding','metadata':{'namespace':'ns','name':'robot-reads'},"
                      + "'roleRef':{'kind':'Role','name':'cm-reader'},"
                      + "'subjects':[{'kind':'ServiceAccount','name':'robot'}]}"),
              json(
                  "{'kind':'ClusterRole','metadata':{'name':'lease-user'},"
                      + "'rules':[{'verbs':['*'],'apiGroups':['coordination.k8s.io'],'resources':['leases']},"
                      + "{'verbs':['get'],'nonResourceURLs':['/metrics']}]}"),
              json(
                  "{'kind':'RoleBinding','metadata':{'namespace':'ops','name':'leases'},"
                      + "'roleRef':{'kind':'ClusterRole','name':'lease-user'},"
                      + "'subjects':[{'kind':'Group','name':'system:serviceaccounts:ns'}]}"),
              json(
                  "{'kind':'ClusterRoleBinding','metadata':{'name':'discovery'},"
                      + "'roleRef':{'kind':'ClusterRole','name':'missing'},"
                      + "'subjects':[{'kind':'Group','name':'system:authenticated'}]}")));

  private static Attributes configMap(String verb, String namespace) {
    return Attributes.resource(SA, verb, "", "configmaps", null, namespace, "x");
  }

  @Test
  @DisplayName("a RoleBinding grants its Role's rules to a ServiceAccount in its namespace only")
  void roleBinding() {
    assertThat(POLICY.allowedBy(configMap("get", "ns")))
        .isEqualTo(
            "RBAC: allowed by RoleBinding \"robot-reads/ns\" of Role \"cm-reader\" to"
                + " ServiceAccount \"robot/ns\"");
    assertThat(POLICY.allowedBy(configMap("delete", "ns"))).isNull();
    assertThat(POLICY.allowedBy(configMap("get", "other"))).isNull();
  }

  @Test
  @DisplayName("a RoleBinding of a ClusterRole grants resource rules in its namespace, never URLs")
  void clusterRoleInNamespace() {
    Attributes lease =
        Attributes.resource(SA, "update", "coordination.k8s.io", "leases", null, "ops", "l");
    assertThat(POLICY.allowedBy(lease)).contains("ClusterRole \"lease-user\"");
    assertThat(POLICY.allowedBy(Attributes.nonResource(SA, "get", "/metrics"))).isNull();
    assertThat(POLICY.rules(SA, "ops")).hasSize(1);
    assertThat(POLICY.rules(SA, "ns"))
        .extracting(PolicyRule::resources)
        .containsExactly(List.of("configmaps"));
  }

  @Test
  @DisplayName("bindings to missing roles grant nothing")
  void missingRole() {
    assertThat(POLICY.rules(SA, null)).isEmpty();
  }

  @Test
  @DisplayName("Forbidden carries upstream's message for namespaced, cluster and path requests")
  void forbiddenMessages() {
    ApiRequest.User user = new ApiRequest.User("u", List.of());
    ApiException named =
        Authorizer.forbidden(Attributes.resource(user, "get", "", "configmaps", null, "ns", "x"));
    assertThat(named.code()).isEqualTo(403);
    assertThat(named.getMessage())
        .isEqualTo(
            "configmaps \"x\" is forbidden: User \"u\" cannot get resource \"configmaps\" in API"
                + " group \"\" in the namespace \"ns\"");
    assertThat(
            Authorizer.forbidden(
                    Attributes.resource(user, "list", "apps", "deployments", null, null, null))
                .getMessage())
        .isEqualTo(
            "deployments.apps is forbidden: User \"u\" cannot list resource \"deployments\" in API"
                + " group \"apps\" at the cluster scope");
    assertThat(Authorizer.forbidden(Attributes.nonResource(user, "get", "/metrics")).getMessage())
        .isEqualTo("forbidden: User \"u\" cannot get path \"/metrics\"");
  }
}
