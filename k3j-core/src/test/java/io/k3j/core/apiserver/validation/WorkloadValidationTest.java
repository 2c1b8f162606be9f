package io.k3j.core.apiserver.validation;

import static io.k3j.core.apiserver.validation.Fixtures.cause;
import static io.k3j.core.apiserver.validation.Fixtures.create;
import static io.k3j.core.apiserver.validation.Fixtures.required;
import static io.k3j.core.apiserver.validation.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WorkloadValidationTest {
  private static final String TEMPLATE =
      "template:{metadata:{labels:{app:'web'}},spec:{containers:[{name:'c',image:'nginx'}]}}";

  private static String workload(String spec) {
    return "{metadata:{name:'web'},spec:{" + spec + "}}";
  }

  @Test
  @DisplayName("valid Deployment, ReplicaSet, StatefulSet and DaemonSet pass after defaults")
  void valid() {
    String spec = workload("selector:{matchLabels:{app:'web'}}," + TEMPLATE);
    assertThat(create("apps", "Deployment", spec)).isEmpty();
    assertThat(create("apps", "ReplicaSet", spec)).isEmpty();
    assertThat(create("apps", "StatefulSet", spec)).isEmpty();
    assertThat(create("apps", "DaemonSet", spec)).isEmpty();
  }

  @Test
  @DisplayName("the selector is required")
  void selectorRequired() {
    assertThat(create("apps", "Deployment", workload(TEMPLATE)))
        .containsExactly(required("spec.selector"));
  }

  @Test
  @DisplayName("the selector must match the template labels")
  void selectorMismatch() {
    assertThat(
            create("apps", "Deployment", workload("selector:{matchLabels:{app:'db'}}," + TEMPLATE)))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match"
                    + " template `labels`",
                "spec.template.metadata.labels"));
  }

  @Test
  @DisplayName("replicas may not be negative and the template must restart Always")
  void replicasAndRestartPolicy() {
    String template = TEMPLATE.replace("containers", "restartPolicy:'Never',containers");
    assertThat(
            create(
                "apps",
                "ReplicaSet",
                workload("replicas:-1,selector:{matchLabels:{app:'web'}}," + template)))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: -1: must be greater than or equal to 0",
                "spec.replicas"),
            cause(
                "FieldValueNotSupported",
                "Unsupported value: \"Never\": supported values: \"Always\"",
                "spec.template.spec.restartPolicy"));
  }

  @Test
  @DisplayName("Deployment rolling updates may not have both maxSurge and maxUnavailable at 0")
  void rollingUpdate() {
    assertThat(
            create(
                "apps",
                "Deployment",
                workload(
                    "selector:{matchLabels:{app:'web'}},strategy:{rollingUpdate:"
                        + "{maxSurge:0,maxUnavailable:'0%'}},"
                        + TEMPLATE)))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"0%\"}: may not be 0"
                    + " when `maxSurge` is 0",
                "spec.strategy.rollingUpdate.maxUnavailable"));
  }

  @Test
  @DisplayName("apps/v1 selectors are immutable")
  void selectorImmutable() {
    String old = workload("selector:{matchLabels:{app:'web'}}," + TEMPLATE);
    String changed =
        workload(
            "selector:{matchLabels:{app:'web',v:'2'}},"
                + TEMPLATE.replace("app:'web'", "app:'web',v:'2'"));
    assertThat(update("apps", "Deployment", old, changed))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\","
                    + " \"v\":\"2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field"
                    + " is immutable",
                "spec.selector"));
  }

  @Test
  @DisplayName("StatefulSet names are DNS labels; serviceName is optional in 1.32")
  void statefulSetName() {
    String spec = "selector:{matchLabels:{app:'web'}}," + TEMPLATE;
    assertThat(create("apps", "StatefulSet", "{metadata:{name:'a.b'},spec:{" + spec + "}}"))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: \"a.b\": must not contain dots",
                "metadata.name"));
    assertThat(create("apps", "StatefulSet", workload("serviceName:'Any.Thing'," + spec)))
        .isEmpty();
  }

  @Test
  @DisplayName("StatefulSet updates may change only the listed fields")
  void statefulSetUpdate() {
    String spec = "selector:{matchLabels:{app:'web'}}," + TEMPLATE;
    assertThat(
            update(
                "apps",
                "StatefulSet",
                workload("serviceName:'a'," + spec),
                workload("serviceName:'b',replicas:3," + spec)))
        .containsExactly(
            cause(
                "FieldValueForbidden",
                "Forbidden: updates to statefulset spec for fields other than 'replicas',"
                    + " 'ordinals', 'template', 'updateStrategy',"
                    + " 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
                "spec"));
  }

  @Test
  @DisplayName("StatefulSet podManagementPolicy is OrderedReady or Parallel")
  void podManagementPolicy() {
    assertThat(
            create(
                "apps",
                "StatefulSet",
                workload(
                    "podManagementPolicy:'Random',selector:{matchLabels:{app:'web'}}," + TEMPLATE)))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
                "spec.podManagementPolicy"));
  }

  @Test
  @DisplayName("an empty DaemonSet selector is invalid")
  void emptySelector() {
    assertThat(create("apps", "DaemonSet", workload("selector:{}," + TEMPLATE)))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil),"
                    + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is"
                    + " invalid for daemonset",
                "spec.selector"));
  }
}
