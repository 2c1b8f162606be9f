package io.k3j.core.apiserver.validation;

import static io.k3j.core.apiserver.validation.Fixtures.cause;
import static io.k3j.core.apiserver.validation.Fixtures.create;
import static io.k3j.core.apiserver.validation.Fixtures.podSpec;
import static io.k3j.core.apiserver.validation.Fixtures.required;
import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.core.apiserver.ApiException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PodValidationTest {

  private static List<ApiException.Cause> pod(String spec) {
    return create("", "Pod", "{metadata:{name:'p'},spec:" + spec + "}");
  }

  @Test
  @DisplayName("a defaulted pod with ports, env, volumes and mounts is valid")
  void valid() {
    assertThat(
            pod(
                "{containers:[{name:'app',image:'nginx',ports:[{name:'http',containerPort:80}],"
                    + "env:[{name:'MODE',value:'x'}],volumeMounts:[{name:'data',mountPath:'/d'}]}],"
                    + "volumes:[{name:'data',emptyDir:{}}]}"))
        .isEmpty();
  }

  @Test
  @DisplayName("containers are required")
  void containersRequired() {
    assertThat(pod("{}")).containsExactly(required("spec.containers"));
  }

  @Test
  @DisplayName("container names are unique DNS labels and images are required")
  void containerNameAndImage() {
    assertThat(pod("{containers:[{name:'app',image:'a'},{name:'app'}]}"))
        .containsExactly(
            cause("FieldValueDuplicate", "Duplicate value: \"app\"", "spec.containers[1].name"),
            required("spec.containers[1].image"));
    assertThat(pod("{containers:[{name:'App',image:'a'}]}"))
        .extracting(c -> c.field())
        .containsExactly("spec.containers[0].name");
  }

  @Test
  @DisplayName("container ports: range, name and protocol")
  void ports() {
    assertThat(pod(podSpec(",ports:[{containerPort:70000,protocol:'ICMP'}]", "")))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: 70000: must be between 1 and 65535, inclusive",
                "spec.containers[0].ports[0].containerPort"),
            cause(
                "FieldValueNotSupported",
                "Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                "spec.containers[0].ports[0].protocol"));
    assertThat(pod(podSpec(",ports:[{}]", "")))
        .containsExactly(required("spec.containers[0].ports[0].containerPort"));
  }

  @Test
  @DisplayName("env names may not contain '='")
  void env() {
    assertThat(pod(podSpec(",env:[{name:'A=B'}]", "")))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: \"A=B\": a valid environment variable name must consist only of"
                    + " printable ASCII characters other than '='",
                "spec.containers[0].env[0].name"));
  }

  @Test
  @DisplayName("restartPolicy is one of Always, OnFailure, Never")
  void restartPolicy() {
    assertThat(pod(podSpec("", ",restartPolicy:'Sometimes'")))
        .containsExactly(
            cause(
                "FieldValueNotSupported",
                "Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\","
                    + " \"Never\"",
                "spec.restartPolicy"));
  }

  @Test
  @DisplayName("volume names are unique and mounts refer to volumes")
  void volumes() {
    assertThat(
            pod(
                podSpec(
                    ",volumeMounts:[{name:'missing',mountPath:'/m'}]",
                    ",volumes:[{name:'v',emptyDir:{}},{name:'v',emptyDir:{}},{name:'w'}]")))
        .containsExactly(
            cause("FieldValueDuplicate", "Duplicate value: \"v\"", "spec.volumes[1].name"),
            cause(
                "FieldValueRequired",
                "Required value: must specify a volume type",
                "spec.volumes[2]"),
            cause(
                "FieldValueNotFound",
                "Not found: \"missing\"",
                "spec.containers[0].volumeMounts[0].name"));
  }

  @Test
  @DisplayName("without defaults, pull and termination message policies are required")
  void undefaultedPolicies() {
    var errors = new FieldErrors();
    PodSpecValidation.spec(Fixtures.json(podSpec("", ",restartPolicy:'Always'")), "spec", errors);
    assertThat(errors.causes())
        .containsExactly(
            required("spec.containers[0].terminationMessagePolicy"),
            required("spec.containers[0].imagePullPolicy"),
            required("spec.dnsPolicy"));
  }
}
