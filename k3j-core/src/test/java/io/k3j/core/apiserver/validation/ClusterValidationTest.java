package io.k3j.core.apiserver.validation;

import static io.k3j.core.apiserver.validation.Fixtures.cause;
import static io.k3j.core.apiserver.validation.Fixtures.create;
import static io.k3j.core.apiserver.validation.Fixtures.required;
import static io.k3j.core.apiserver.validation.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Namespace, Node, Event, Lease, PriorityClass, PodDisruptionBudget, Ingress, ServiceAccount. */
class ClusterValidationTest {

  @Test
  @DisplayName("Namespace spec.finalizers must be standard or qualified")
  void namespace() {
    assertThat(create("", "Namespace", "{metadata:{name:'team-a'}}")).isEmpty();
    assertThat(create("", "Namespace", "{metadata:{name:'team-a'},spec:{finalizers:['mine']}}"))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: \"mine\": name is neither a standard finalizer name nor is it fully"
                    + " qualified",
                "spec.finalizers"));
  }

  @Test
  @DisplayName("Node taints need a known effect")
  void node() {
    assertThat(
            create("", "Node", "{metadata:{name:'n1'},spec:{taints:[{key:'k',effect:'Never'}]}}"))
        .containsExactly(
            cause(
                "FieldValueNotSupported",
                "Unsupported value: \"Never\": supported values: \"NoExecute\", \"NoSchedule\","
                    + " \"PreferNoSchedule\"",
                "spec.taints[0].effect"));
  }

  @Test
  @DisplayName("an Event without eventTime lives in its involved object's namespace")
  void event() {
    String event = "{metadata:{name:'e',namespace:'a'},involvedObject:{namespace:'%s'}}";
    assertThat(create("", "Event", event.formatted("a"))).isEmpty();
    assertThat(create("", "Event", event.formatted("b")))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: \"b\": does not match event.namespace",
                "involvedObject.namespace"));
  }

  @Test
  @DisplayName("Lease durations are positive")
  void lease() {
    assertThat(
            create(
                "coordination.k8s.io",
                "Lease",
                "{metadata:{name:'l'},spec:{leaseDurationSeconds:0}}"))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: 0: must be greater than 0",
                "spec.leaseDurationSeconds"));
  }

  @Test
  @DisplayName("PriorityClass: user values ≤ 1e9, system- names reserved, value immutable")
  void priorityClass() {
    String group = "scheduling.k8s.io";
    assertThat(create(group, "PriorityClass", "{metadata:{name:'high'},value:1000}")).isEmpty();
    assertThat(create(group, "PriorityClass", "{metadata:{name:'high'},value:2000000000}"))
        .containsExactly(
            cause(
                "FieldValueForbidden",
                "Forbidden: maximum allowed value of a user defined priority is 1000000000",
                "value"));
    assertThat(create(group, "PriorityClass", "{metadata:{name:'system-x'},value:1}"))
        .containsExactly(
            cause(
                "FieldValueForbidden",
                "Forbidden: priority class names with 'system-' prefix are reserved for system use"
                    + " only. error: system-x is not a known system priority class",
                "metadata.name"));
    assertThat(
            update(
                group,
                "PriorityClass",
                "{metadata:{name:'high'},value:1}",
                "{metadata:{name:'high'},value:2}"))
        .containsExactly(
            cause("FieldValueForbidden", "Forbidden: may not be changed in an update.", "value"));
  }

  @Test
  @DisplayName("a PodDisruptionBudget sets one of minAvailable and maxUnavailable, ≤ 100%")
  void disruptionBudget() {
    assertThat(
            create(
                "policy",
                "PodDisruptionBudget",
                "{metadata:{name:'p'},spec:{maxUnavailable:'150%',selector:{matchLabels:{a:'b'}}}}"))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"150%\"}: must not be"
                    + " greater than 100%",
                "spec.maxUnavailable"));
    assertThat(
            create(
                "policy",
                "PodDisruptionBudget",
                "{metadata:{name:'p'},spec:{minAvailable:1,maxUnavailable:1}}"))
        .extracting(c -> c.field() + ": " + c.reason())
        .containsExactly("spec: FieldValueInvalid");
  }

  @Test
  @DisplayName("Ingress paths need a pathType and a backend")
  void ingress() {
    String group = "networking.k8s.io";
    assertThat(
            create(
                group,
                "Ingress",
                "{metadata:{name:'i'},spec:{rules:[{host:'a.example.com',http:{paths:[{path:'/',"
                    + "pathType:'Prefix',backend:{service:{name:'web',port:{number:80}}}}]}}]}}"))
        .isEmpty();
    assertThat(
            create(
                group,
                "Ingress",
                "{metadata:{name:'i'},spec:{rules:[{http:{paths:[{path:'/',backend:{}}]}}]}}"))
        .containsExactly(
            cause(
                "FieldValueRequired",
                "Required value: pathType must be specified",
                "spec.rules[0].http.paths[0].pathType"),
            cause(
                "FieldValueInvalid",
                "Invalid value: \"\": resource or service backend is required",
                "spec.rules[0].http.paths[0].backend"));
  }

  @Test
  @DisplayName("ServiceAccount names are DNS subdomains")
  void serviceAccount() {
    assertThat(create("", "ServiceAccount", "{metadata:{name:'builder'}}")).isEmpty();
    assertThat(create("", "ServiceAccount", "{metadata:{name:'Builder'}}"))
        .extracting(c -> c.field())
        .containsExactly("metadata.name");
    assertThat(create("", "ServiceAccount", "{metadata:{}}"))
        .extracting(c -> c.reason())
        .containsExactly(required("metadata.name").reason());
  }
}
