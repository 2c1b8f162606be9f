package io.k3j.core.apiserver.validation;

import static io.k3j.core.apiserver.validation.Fixtures.cause;
import static io.k3j.core.apiserver.validation.Fixtures.create;
import static io.k3j.core.apiserver.validation.Fixtures.required;
import static io.k3j.core.apiserver.validation.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RbacValidationTest {
  private static final String RBAC = "rbac.authorization.k8s.io";

  @Test
  @DisplayName("a Role with verbs, groups and resources is valid")
  void validRole() {
    assertThat(
            create(
                RBAC,
                "Role",
                "{metadata:{name:'r'},rules:[{apiGroups:[''],resources:['pods'],verbs:['get']}]}"))
        .isEmpty();
  }

  @Test
  @DisplayName("rules need verbs, api groups and resources")
  void ruleRequirements() {
    assertThat(create(RBAC, "ClusterRole", "{metadata:{name:'r'},rules:[{}]}"))
        .containsExactly(
            cause(
                "FieldValueRequired",
                "Required value: verbs must contain at least one value",
                "rules[0].verbs"),
            cause(
                "FieldValueRequired",
                "Required value: resource rules must supply at least one api group",
                "rules[0].apiGroups"),
            cause(
                "FieldValueRequired",
                "Required value: resource rules must supply at least one resource",
                "rules[0].resources"));
  }

  @Test
  @DisplayName("namespaced rules cannot name non-resource URLs")
  void nonResourceUrls() {
    assertThat(
            create(
                RBAC,
                "Role",
                "{metadata:{name:'r'},rules:[{verbs:['get'],nonResourceURLs:['/healthz']}]}"))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: []string{\"/healthz\"}: namespaced rules cannot apply to"
                    + " non-resource URLs",
                "rules[0].nonResourceURLs"));
  }

  @Test
  @DisplayName("a binding's roleRef is required; the API group is defaulted")
  void roleRef() {
    assertThat(
            create(
                RBAC,
                "RoleBinding",
                "{metadata:{name:'b'},roleRef:{kind:'Role',name:'r'},"
                    + "subjects:[{kind:'User',name:'alice'}]}"))
        .isEmpty();
    assertThat(create(RBAC, "ClusterRoleBinding", "{metadata:{name:'b'},roleRef:{kind:'Role'}}"))
        .containsExactly(
            cause(
                "FieldValueNotSupported",
                "Unsupported value: \"Role\": supported values: \"ClusterRole\"",
                "roleRef.kind"),
            required("roleRef.name"));
  }

  @Test
  @DisplayName(
      "subject kinds are ServiceAccount, User or Group; cluster bindings need SA namespaces")
  void subjects() {
    assertThat(
            create(
                RBAC,
                "ClusterRoleBinding",
                "{metadata:{name:'b'},roleRef:{kind:'ClusterRole',name:'r'},"
                    + "subjects:[{kind:'Robot',name:'x'},{kind:'ServiceAccount',name:'sa'}]}"))
        .containsExactly(
            cause(
                "FieldValueNotSupported",
                "Unsupported value: \"Robot\": supported values: \"ServiceAccount\", \"User\","
                    + " \"Group\"",
                "subjects[0].kind"),
            required("subjects[1].namespace"));
  }

  @Test
  @DisplayName("roleRef cannot change")
  void roleRefImmutable() {
    assertThat(
            update(
                RBAC,
                "RoleBinding",
                "{metadata:{name:'b'},roleRef:{kind:'Role',name:'a'}}",
                "{metadata:{name:'b'},roleRef:{kind:'Role',name:'b'}}"))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"Role\","
                    + " Name:\"b\"}: cannot change roleRef",
                "roleRef"));
  }
}
