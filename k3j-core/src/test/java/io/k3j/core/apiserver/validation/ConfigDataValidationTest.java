package io.k3j.core.apiserver.validation;

import static io.k3j.core.apiserver.validation.Fixtures.cause;
import static io.k3j.core.apiserver.validation.Fixtures.create;
import static io.k3j.core.apiserver.validation.Fixtures.required;
import static io.k3j.core.apiserver.validation.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigDataValidationTest {

  @Test
  @DisplayName("ConfigMap keys match [-._a-zA-Z0-9]+")
  void configMapKeys() {
    assertThat(create("", "ConfigMap", "{metadata:{name:'c'},data:{'app.yaml':'x'}}")).isEmpty();
    assertThat(create("", "ConfigMap", "{metadata:{name:'c'},data:{'a b':'x'}}"))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: \"a b\": a valid config key must consist of alphanumeric"
                    + " characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or"
                    + " 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
                "data[a b]"));
  }

  @Test
  @DisplayName("ConfigMap data may total at most 1 MiB")
  void configMapSize() {
    String big = "x".repeat(1024 * 1024 + 1);
    assertThat(create("", "ConfigMap", "{metadata:{name:'c'},data:{a:'" + big + "'}}"))
        .containsExactly(
            cause("FieldValueTooLong", "Too long: may not be more than 1048576 bytes", ""));
  }

  @Test
  @DisplayName("an immutable ConfigMap refuses data changes and un-setting immutable")
  void immutableConfigMap() {
    assertThat(
            update(
                "",
                "ConfigMap",
                "{metadata:{name:'c'},immutable:true,data:{a:'1'}}",
                "{metadata:{name:'c'},data:{a:'2'}}"))
        .containsExactly(
            cause(
                "FieldValueForbidden",
                "Forbidden: field is immutable when `immutable` is set",
                "immutable"),
            cause(
                "FieldValueForbidden",
                "Forbidden: field is immutable when `immutable` is set",
                "data"));
  }

  @Test
  @DisplayName("typed secrets need their keys; stringData counts")
  void typedSecrets() {
    assertThat(create("", "Secret", "{metadata:{name:'s'},type:'kubernetes.io/tls',data:{}}"))
        .containsExactly(required("data[tls.crt]"), required("data[tls.key]"));
    assertThat(
            create(
                "",
                "Secret",
                "{metadata:{name:'s'},type:'kubernetes.io/tls',"
                    + "data:{'tls.crt':'Y2VydA=='},stringData:{'tls.key':'k'}}"))
        .isEmpty();
    assertThat(create("", "Secret", "{metadata:{name:'s'},type:'kubernetes.io/basic-auth'}"))
        .containsExactly(required("data[username]"), required("data[password]"));
    assertThat(create("", "Secret", "{metadata:{name:'s'},type:'kubernetes.io/dockerconfigjson'}"))
        .containsExactly(required("data[.dockerconfigjson]"));
    assertThat(create("", "Secret", "{metadata:{name:'s'},type:'kubernetes.io/ssh-auth'}"))
        .containsExactly(required("data[ssh-privatekey]"));
    assertThat(
            create(
                "", "Secret", "{metadata:{name:'s'},type:'kubernetes.io/service-account-token'}"))
        .containsExactly(required("metadata.annotations[kubernetes.io/service-account.name]"));
  }

  @Test
  @DisplayName("a Secret's type is immutable")
  void secretType() {
    assertThat(
            update(
                "",
                "Secret",
                "{metadata:{name:'s'}}",
                "{metadata:{name:'s'},type:'kubernetes.io/ssh-auth',stringData:{'ssh-privatekey':'k'}}"))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: \"kubernetes.io/ssh-auth\": field is immutable",
                "type"));
  }

  @Test
  @DisplayName("an immutable Secret refuses data changes")
  void immutableSecret() {
    assertThat(
            update(
                "",
                "Secret",
                "{metadata:{name:'s'},immutable:true,data:{a:'MQ=='}}",
                "{metadata:{name:'s'},immutable:true,data:{a:'Mg=='}}"))
        .containsExactly(
            cause(
                "FieldValueForbidden",
                "Forbidden: field is immutable when `immutable` is set",
                "data"));
  }
}
