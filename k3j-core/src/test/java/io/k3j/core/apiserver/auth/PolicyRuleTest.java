package io.k3j.core.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.core.apiserver.ApiRequest;
import io.k3j.core.apiserver.resources.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PolicyRuleTest {
  private static final ApiRequest.User USER = new ApiRequest.User("u", List.of());

  private static PolicyRule rule(String json) {
    return PolicyRule.fromJson(Json.tree(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static Attributes get(String group, String resource, String sub, String name) {
    return Attributes.resource(USER, "get", group, resource, sub, "ns", name);
  }

  @Test
  @DisplayName("verbs, groups and resources must all match; * matches any")
  void verbsGroupsResources() {
    PolicyRule rule =
        rule("{\"verbs\":[\"get\",\"list\"],\"apiGroups\":[\"\"],\"resources\":[\"configmaps\"]}");
    assertThat(rule.allows(get("", "configmaps", null, "x"))).isTrue();
    assertThat(rule.allows(get("apps", "configmaps", null, "x"))).isFalse();
    assertThat(rule.allows(get("", "secrets", null, "x"))).isFalse();
    assertThat(rule.allows(Attributes.resource(USER, "delete", "", "configmaps", "", "ns", "x")))
        .isFalse();
    PolicyRule any = rule("{\"verbs\":[\"*\"],\"apiGroups\":[\"*\"],\"resources\":[\"*\"]}");
    assertThat(
            any.allows(
                Attributes.resource(USER, "delete", "apps", "deployments", "scale", "", "d")))
        .isTrue();
  }

  @Test
  @DisplayName(
      "a subresource needs resource/subresource or */subresource; the plain resource does not grant it")
  void subresources() {
    Attributes status = get("", "pods", "status", "p");
    assertThat(
            rule("{\"verbs\":[\"get\"],\"apiGroups\":[\"\"],\"resources\":[\"pods\"]}")
                .allows(status))
        .isFalse();
    assertThat(
            rule("{\"verbs\":[\"get\"],\"apiGroups\":[\"\"],\"resources\":[\"pods/status\"]}")
                .allows(status))
        .isTrue();
    assertThat(
            rule("{\"verbs\":[\"get\"],\"apiGroups\":[\"\"],\"resources\":[\"*/status\"]}")
                .allows(status))
        .isTrue();
    assertThat(
            rule("{\"verbs\":[\"get\"],\"apiGroups\":[\"\"],\"resources\":[\"*/status\"]}")
                .allows(get("", "pods", null, "p")))
        .isFalse();
  }

  @Test
  @DisplayName("resourceNames restrict to the named objects; collections are not named")
  void resourceNames() {
    PolicyRule rule =
        rule(
            "{\"verbs\":[\"get\"],\"apiGroups\":[\"\"],\"resources\":[\"configmaps\"],"
                + "\"resourceNames\":[\"a\"]}");
    assertThat(rule.allows(get("", "configmaps", null, "a"))).isTrue();
    assertThat(rule.allows(get("", "configmaps", null, "b"))).isFalse();
    assertThat(rule.allows(get("", "configmaps", null, null))).isFalse();
  }

  @Test
  @DisplayName("nonResourceURLs match exactly, by a trailing * prefix, or * for all")
  void nonResourceUrls() {
    PolicyRule rule = rule("{\"verbs\":[\"get\"],\"nonResourceURLs\":[\"/healthz\",\"/apis/*\"]}");
    assertThat(rule.allows(Attributes.nonResource(USER, "get", "/healthz"))).isTrue();
    assertThat(rule.allows(Attributes.nonResource(USER, "get", "/apis/apps/v1"))).isTrue();
    assertThat(rule.allows(Attributes.nonResource(USER, "get", "/metrics"))).isFalse();
    assertThat(rule.allows(Attributes.nonResource(USER, "post", "/healthz"))).isFalse();
    assertThat(rule.allows(get("", "healthz", null, null))).isFalse();
    assertThat(
            rule("{\"verbs\":[\"*\"],\"nonResourceURLs\":[\"*\"]}")
                .allows(Attributes.nonResource(USER, "get", "/metrics")))
        .isTrue();
  }

  @Test
  @DisplayName("toJson writes the rule back, omitting empty lists")
  void json() {
    assertThat(
            rule("{\"verbs\":[\"get\"],\"apiGroups\":[\"\"],\"resources\":[\"pods\"]}")
                .toJson()
                .toString())
        .isEqualTo("{\"verbs\":[\"get\"],\"apiGroups\":[\"\"],\"resources\":[\"pods\"]}");
  }
}
