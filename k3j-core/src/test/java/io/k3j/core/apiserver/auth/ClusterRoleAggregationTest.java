package io.k3j.core.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.resources.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClusterRoleAggregationTest {
  private static ObjectNode json(String text) {
    return (ObjectNode) Json.tree(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName(
      "an aggregated role gets the rules of roles its selectors match, once each, in order")
  void aggregates() {
    ObjectNode monitoring =
        json(
            "{'metadata':{'name':'monitoring','labels':{}},'rules':[],"
                + "'aggregationRule':{'clusterRoleSelectors':[{'matchLabels':{'team':'mon'}},"
                + "{'matchExpressions':[{'key':'extra','operator':'Exists'}]}]}}");
    ObjectNode a =
        json(
            "{'metadata':{'name':'a','labels':{'team':'mon'}},"
                + "'rules':[{'verbs':['get'],'apiGroups':[''],'resources':['pods']}]}");
    ObjectNode b =
        json(
            "{'metadata':{'name':'b','labels':{'extra':'yes'}},"
                + "'rules':[{'verbs':['get'],'apiGroups':[''],'resources':['pods']},"
                + "{'verbs':['list'],'apiGroups':[''],'resources':['nodes']}]}");
    ObjectNode c =
        json(
            "{'metadata':{'name':'c','labels':{'team':'web'}},"
                + "'rules':[{'verbs':['*'],'apiGroups':['*'],'resources':['*']}]}");
    var rules =
        ClusterRoleAggregation.aggregatedRules(
            monitoring,
            monitoring.path("aggregationRule").path("clusterRoleSelectors"),
            List.of(a, b, c, monitoring));
    assertThat(rules.toString())
        .isEqualTo(
            "[{'verbs':['get'],'apiGroups':[''],'resources':['pods']},".replace('\'', '"')
                + "{'verbs':['list'],'apiGroups':[''],'resources':['nodes']}]".replace('\'', '"'));
  }
}
