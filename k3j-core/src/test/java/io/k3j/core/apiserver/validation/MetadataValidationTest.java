package io.k3j.core.apiserver.validation;

import static io.k3j.core.apiserver.validation.Fixtures.cause;
import static io.k3j.core.apiserver.validation.Fixtures.create;
import static io.k3j.core.apiserver.validation.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MetadataValidationTest {

  @Test
  @DisplayName("a valid ConfigMap has no causes")
  void valid() {
    assertThat(
            create(
                "",
                "ConfigMap",
                "{metadata:{name:'app.config',labels:{'example.com/tier':'web'},"
                    + "annotations:{'Example.com/Note':'x'},finalizers:['example.com/f']}}"))
        .isEmpty();
  }

  @Test
  @DisplayName("name or generateName is required")
  void nameRequired() {
    assertThat(create("", "ConfigMap", "{metadata:{}}"))
        .containsExactly(
            cause(
                "FieldValueRequired",
                "Required value: name or generateName is required",
                "metadata.name"));
  }

  @Test
  @DisplayName("Namespace names are DNS-1123 labels, Service names DNS-1035 labels")
  void nameRulesPerKind() {
    assertThat(create("", "Namespace", "{metadata:{name:'a.b'}}"))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: \"a.b\": must not contain dots",
                "metadata.name"));
    assertThat(create("", "Service", "{metadata:{name:'1web'},spec:{ports:[{port:80}]}}"))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: \"1web\": a DNS-1035 label must consist of lower case"
                    + " alphanumeric characters or '-', start with an alphabetic character, and end"
                    + " with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used"
                    + " for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
                "metadata.name"));
    assertThat(create("", "ConfigMap", "{metadata:{name:'a.b'}}")).isEmpty();
  }

  @Test
  @DisplayName("RBAC names are path segments: colons pass, slashes do not")
  void rbacNames() {
    assertThat(create("rbac.authorization.k8s.io", "ClusterRole", "{metadata:{name:'system:x'}}"))
        .isEmpty();
    assertThat(create("rbac.authorization.k8s.io", "ClusterRole", "{metadata:{name:'a/b'}}"))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: \"a/b\": may not contain '/'",
                "metadata.name"));
  }

  @Test
  @DisplayName("generateName is checked as a prefix, a trailing dash allowed")
  void generateName() {
    assertThat(create("", "ConfigMap", "{metadata:{generateName:'web-',name:'web-x1'}}")).isEmpty();
    assertThat(create("", "ConfigMap", "{metadata:{generateName:'Web-',name:'web-x1'}}"))
        .extracting(c -> c.field())
        .containsExactly("metadata.generateName");
  }

  @Test
  @DisplayName("label keys and values, and annotation keys, follow upstream's rules")
  void labelsAndAnnotations() {
    assertThat(
            create(
                "", "ConfigMap", "{metadata:{name:'c',labels:{'app':'" + "v".repeat(64) + "'}}}"))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: \"" + "v".repeat(64) + "\": must be no more than 63 characters",
                "metadata.labels"));
    assertThat(create("", "ConfigMap", "{metadata:{name:'c',labels:{'a b':'x'}}}"))
        .extracting(c -> c.field() + " " + c.reason())
        .containsExactly("metadata.labels FieldValueInvalid");
    assertThat(create("", "ConfigMap", "{metadata:{name:'c',annotations:{'/x':'y'}}}"))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: \"/x\": prefix part must be non-empty",
                "metadata.annotations"));
  }

  @Test
  @DisplayName("annotations may total at most 256 KiB")
  void annotationSize() {
    String big = "x".repeat(256 * 1024);
    assertThat(create("", "ConfigMap", "{metadata:{name:'c',annotations:{'a':'" + big + "'}}}"))
        .containsExactly(
            cause(
                "FieldValueTooLong",
                "Too long: may not be more than 262144 bytes",
                "metadata.annotations"));
  }

  @Test
  @DisplayName("unprefixed finalizers must be standard ones")
  void finalizers() {
    assertThat(create("", "ConfigMap", "{metadata:{name:'c',finalizers:['custom']}}"))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: \"custom\": name is neither a standard finalizer name nor is it"
                    + " fully qualified",
                "metadata.finalizers"));
  }

  @Test
  @DisplayName("the name cannot change on update")
  void nameImmutable() {
    assertThat(update("", "ConfigMap", "{metadata:{name:'a'}}", "{metadata:{name:'b'}}"))
        .containsExactly(
            cause(
                "FieldValueInvalid", "Invalid value: \"b\": field is immutable", "metadata.name"));
  }
}
