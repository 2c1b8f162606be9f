package io.k3j.core.apiserver.validation;

import static io.k3j.core.apiserver.validation.Fixtures.cause;
import static io.k3j.core.apiserver.validation.Fixtures.create;
import static io.k3j.core.apiserver.validation.Fixtures.required;
import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.core.apiserver.ApiException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServiceValidationTest {

  private static List<ApiException.Cause> service(String spec) {
    return create("", "Service", "{metadata:{name:'web'},spec:" + spec + "}");
  }

  @Test
  @DisplayName("ClusterIP, headless and ExternalName services are valid")
  void valid() {
    assertThat(service("{selector:{app:'web'},ports:[{port:80,targetPort:'http'}]}")).isEmpty();
    assertThat(service("{clusterIP:'None'}")).isEmpty();
    assertThat(service("{type:'ExternalName',externalName:'db.example.com.'}")).isEmpty();
  }

  @Test
  @DisplayName("ports are required unless headless or ExternalName")
  void portsRequired() {
    assertThat(service("{}")).containsExactly(required("spec.ports"));
  }

  @Test
  @DisplayName("port numbers are in range, protocols an enum")
  void portRangeAndProtocol() {
    assertThat(service("{ports:[{port:0,targetPort:80,protocol:'HTTP'}]}"))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: 0: must be between 1 and 65535, inclusive",
                "spec.ports[0].port"),
            cause(
                "FieldValueNotSupported",
                "Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                "spec.ports[0].protocol"));
  }

  @Test
  @DisplayName("several ports need unique names")
  void portNames() {
    assertThat(service("{ports:[{name:'a',port:80},{port:81},{name:'a',port:82}]}"))
        .containsExactly(
            required("spec.ports[1].name"),
            cause("FieldValueDuplicate", "Duplicate value: \"a\"", "spec.ports[2].name"));
  }

  @Test
  @DisplayName("the same protocol and port twice is a duplicate")
  void duplicatePort() {
    assertThat(service("{ports:[{name:'a',port:80},{name:'b',port:80}]}"))
        .containsExactly(
            cause(
                "FieldValueDuplicate",
                "Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\","
                    + " AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0,"
                    + " IntVal:0, StrVal:\"\"}, NodePort:0}",
                "spec.ports[1]"));
  }

  @Test
  @DisplayName("type is an enum and ExternalName needs externalName")
  void typeAndExternalName() {
    assertThat(service("{type:'Magic',ports:[{port:80}]}"))
        .containsExactly(
            cause(
                "FieldValueNotSupported",
                "Unsupported value: \"Magic\": supported values: \"ClusterIP\", \"ExternalName\","
                    + " \"LoadBalancer\", \"NodePort\"",
                "spec.type"));
    assertThat(service("{type:'ExternalName'}")).containsExactly(required("spec.externalName"));
  }

  @Test
  @DisplayName("nodePort is forbidden for ClusterIP services")
  void nodePort() {
    assertThat(service("{ports:[{port:80,nodePort:30080}]}"))
        .containsExactly(
            cause(
                "FieldValueForbidden",
                "Forbidden: may not be used when `type` is 'ClusterIP'",
                "spec.ports[0].nodePort"));
  }
}
