package io.k3j.core.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.k3j.core.apiserver.resources.Json;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta.FieldsV1;
import io.kubernetes.client.proto.Meta.LabelSelector;
import io.kubernetes.client.proto.Meta.ManagedFieldsEntry;
import io.kubernetes.client.proto.Meta.MicroTime;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Meta.Time;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.Runtime.RawExtension;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Scheduling;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProtobufBodyTest {
  /** ObjectMeta as Go's encoder writes it: every non-pointer field, zero or not. */
  private static ObjectMeta.Builder goMeta(String name) {
    return ObjectMeta.newBuilder()
        .setName(name)
        .setGenerateName("")
        .setNamespace("")
        .setSelfLink("")
        .setUid("")
        .setResourceVersion("")
        .setGeneration(0)
        .setCreationTimestamp(Time.getDefaultInstance());
  }

  private static JsonNode json(String text) {
    return Json.tree(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Quantity quantity(String value) {
    return Quantity.newBuilder().setString(value).build();
  }

  @Test
  @DisplayName("the protobuf Content-Type is recognised with or without parameters")
  void mediaType() {
    assertThat(ProtobufBody.isProtobuf("application/vnd.kubernetes.protobuf")).isTrue();
    assertThat(ProtobufBody.isProtobuf("application/vnd.kubernetes.protobuf; charset=x")).isTrue();
    assertThat(ProtobufBody.isProtobuf("application/json")).isFalse();
    assertThat(ProtobufBody.isProtobuf(null)).isFalse();
  }

  @Test
  @DisplayName("a Namespace decodes to the JSON kubectl would send: Go's zero fields left out")
  void namespace() {
    V1.Namespace namespace =
        V1.Namespace.newBuilder()
            .setMetadata(goMeta("edge").putLabels("team", "ops"))
            .setSpec(V1.NamespaceSpec.getDefaultInstance())
            .setStatus(V1.NamespaceStatus.newBuilder().setPhase(""))
            .build();

    JsonNode decoded = ProtobufBody.decode(Envelopes.wrap("v1", "Namespace", namespace));

    assertThat(decoded)
        .isEqualTo(
            json(
                """
                {"apiVersion": "v1", "kind": "Namespace",
                 "metadata": {"name": "edge", "creationTimestamp": null, "labels": {"team": "ops"}},
                 "spec": {}, "status": {}}
                """));
  }

  @Test
  @DisplayName("a ConfigMap keeps its data, base64 binary data and a false pointer field")
  void configMap() {
    V1.ConfigMap configMap =
        V1.ConfigMap.newBuilder()
            .setMetadata(goMeta("settings").setNamespace("apps"))
            .putData("mode", "fast")
            .putData("empty", "")
            .putBinaryData("blob", ByteString.copyFrom(new byte[] {0, 1, 2, (byte) 255}))
            .setImmutable(false)
            .build();

    JsonNode decoded = ProtobufBody.decode(Envelopes.wrap("v1", "ConfigMap", configMap));

    assertThat(decoded)
        .isEqualTo(
            json(
                """
                {"apiVersion": "v1", "kind": "ConfigMap",
                 "metadata": {"name": "settings", "namespace": "apps", "creationTimestamp": null},
                 "data": {"mode": "fast", "empty": ""}, "binaryData": {"blob": "AAEC/w=="},
                 "immutable": false}
                """));
  }

  @Test
  @DisplayName("Secret data is base64, as in Secret JSON")
  void secret() {
    V1.Secret secret =
        V1.Secret.newBuilder()
            .setMetadata(goMeta("token"))
            .putData("password", ByteString.copyFromUtf8("s3cr3t!"))
            .setType("Opaque")
            .build();

    JsonNode decoded = ProtobufBody.decode(Envelopes.wrap("v1", "Secret", secret));

    assertThat(decoded.path("data").path("password").asText()).isEqualTo("czNjcjN0IQ==");
    assertThat(decoded.path("type").asText()).isEqualTo("Opaque");
    assertThat(decoded.has("stringData")).isFalse();
  }

  @Test
  @DisplayName(
      "a Deployment: times in RFC 3339, quantities and int-or-string in their JSON form,"
          + " pointer zeros kept, value zeros dropped")
  void deployment() {
    V1.Container container =
        V1.Container.newBuilder()
            .setName("web")
            .setImage("nginx:1.27")
            .setResources(
                V1.ResourceRequirements.newBuilder()
                    .putLimits("cpu", quantity("500m"))
                    .putLimits("memory", quantity("128Mi")))
            .addPorts(V1.ContainerPort.newBuilder().setContainerPort(80).setProtocol("TCP"))
            .setTerminationMessagePath("")
            .setStdin(false)
            .setTty(false)
            .build();
    V1Apps.Deployment deployment =
        V1Apps.Deployment.newBuilder()
            .setMetadata(
                goMeta("web")
                    .setCreationTimestamp(Time.newBuilder().setSeconds(1704164645).setNanos(7)))
            .setSpec(
                V1Apps.DeploymentSpec.newBuilder()
                    .setReplicas(0)
                    .setMinReadySeconds(0)
                    .setPaused(false)
                    .setSelector(LabelSelector.newBuilder().putMatchLabels("app", "web"))
                    .setStrategy(
                        V1Apps.DeploymentStrategy.newBuilder()
                            .setType("RollingUpdate")
                            .setRollingUpdate(
                                V1Apps.RollingUpdateDeployment.newBuilder()
                                    .setMaxSurge(
                                        IntOrString.newBuilder().setType(1).setStrVal("25%"))
                                    .setMaxUnavailable(
                                        IntOrString.newBuilder().setType(0).setIntVal(1))))
                    .setTemplate(
                        V1.PodTemplateSpec.newBuilder()
                            .setMetadata(goMeta("").putLabels("app", "web"))
                            .setSpec(
                                V1.PodSpec.newBuilder()
                                    .addContainers(container)
                                    .setTerminationGracePeriodSeconds(0)
                                    .setHostNetwork(false))))
            .setStatus(V1Apps.DeploymentStatus.newBuilder().setReplicas(0))
            .build();

    JsonNode decoded = ProtobufBody.decode(Envelopes.wrap("apps/v1", "Deployment", deployment));

    assertThat(decoded)
        .isEqualTo(
            json(
                """
                {"apiVersion": "apps/v1", "kind": "Deployment",
                 "metadata": {"name": "web", "creationTimestamp": "2024-01-02T03:04:05Z"},
                 "spec": {
                   "replicas": 0,
                   "selector": {"matchLabels": {"app": "web"}},
                   "template": {
                     "metadata": {"creationTimestamp": null, "labels": {"app": "web"}},
                     "spec": {
                       "containers": [{
                         "name": "web", "image": "nginx:1.27",
                         "ports": [{"containerPort": 80, "protocol": "TCP"}],
                         "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}}}],
                       "terminationGracePeriodSeconds": 0}},
                   "strategy": {"type": "RollingUpdate",
                                "rollingUpdate": {"maxUnavailable": 1, "maxSurge": "25%"}}},
                 "status": {}}
                """));
  }

  @Test
  @DisplayName("a Role keeps the core group's empty string in apiGroups")
  void role() {
    V1Rbac.Role role =
        V1Rbac.Role.newBuilder()
            .setMetadata(goMeta("reader"))
            .addRules(
                V1Rbac.PolicyRule.newBuilder()
                    .addApiGroups("")
                    .addResources("pods")
                    .addVerbs("get")
                    .addVerbs("list"))
            .build();

    JsonNode decoded =
        ProtobufBody.decode(Envelopes.wrap("rbac.authorization.k8s.io/v1", "Role", role));

    assertThat(decoded)
        .isEqualTo(
            json(
                """
                {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
                 "metadata": {"name": "reader", "creationTimestamp": null},
                 "rules": [{"verbs": ["get", "list"], "apiGroups": [""], "resources": ["pods"]}]}
                """));
  }

  @Test
  @DisplayName("a field Go writes without omitempty keeps its zero: PriorityClass value 0")
  void priorityClass() {
    V1Scheduling.PriorityClass priorityClass =
        V1Scheduling.PriorityClass.newBuilder()
            .setMetadata(goMeta("low"))
            .setValue(0)
            .setGlobalDefault(false)
            .setDescription("")
            .setPreemptionPolicy("Never")
            .build();

    JsonNode decoded =
        ProtobufBody.decode(Envelopes.wrap("scheduling.k8s.io/v1", "PriorityClass", priorityClass));

    assertThat(decoded.path("value").isInt()).isTrue();
    assertThat(decoded.has("globalDefault")).isFalse();
    assertThat(decoded.has("description")).isFalse();
    assertThat(decoded.path("preemptionPolicy").asText()).isEqualTo("Never");
  }

  @Test
  @DisplayName("MicroTime has six fraction digits; managedFields' FieldsV1 is the embedded JSON")
  void microTimeAndFields() {
    V1.Event event =
        V1.Event.newBuilder()
            .setMetadata(
                goMeta("e1")
                    .addManagedFields(
                        ManagedFieldsEntry.newBuilder()
                            .setManager("kubectl")
                            .setOperation("Update")
                            .setTime(Time.newBuilder().setSeconds(0))
                            .setFieldsType("FieldsV1")
                            .setFieldsV1(
                                FieldsV1.newBuilder()
                                    .setRaw(ByteString.copyFromUtf8("{\"f:reason\":{}}")))))
            .setEventTime(MicroTime.newBuilder().setSeconds(1704164645).setNanos(123456789))
            .setReason("Started")
            .build();

    JsonNode decoded = ProtobufBody.decode(Envelopes.wrap("v1", "Event", event));

    assertThat(decoded.path("eventTime").asText()).isEqualTo("2024-01-02T03:04:05.123456Z");
    JsonNode managed = decoded.path("metadata").path("managedFields").path(0);
    assertThat(managed.path("time").asText()).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(managed.path("fieldsV1")).isEqualTo(json("{\"f:reason\": {}}"));
  }

  @Test
  @DisplayName("RawExtension is the embedded JSON, or an embedded protobuf object decoded")
  void rawExtension() {
    V1Apps.ControllerRevision json =
        V1Apps.ControllerRevision.newBuilder()
            .setMetadata(goMeta("rev-1"))
            .setData(RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("{\"spec\":[1]}")))
            .setRevision(1)
            .build();
    V1Apps.ControllerRevision nested =
        json.toBuilder()
            .setData(
                RawExtension.newBuilder()
                    .setRaw(
                        ByteString.copyFrom(
                            Envelopes.wrap(
                                "v1",
                                "ConfigMap",
                                V1.ConfigMap.newBuilder()
                                    .setMetadata(goMeta("inner"))
                                    .putData("k", "v")
                                    .build()))))
            .build();

    assertThat(
            ProtobufBody.decode(Envelopes.wrap("apps/v1", "ControllerRevision", json)).path("data"))
        .isEqualTo(json("{\"spec\": [1]}"));
    assertThat(
            ProtobufBody.decode(Envelopes.wrap("apps/v1", "ControllerRevision", nested))
                .path("data"))
        .isEqualTo(
            json(
                """
                {"apiVersion": "v1", "kind": "ConfigMap",
                 "metadata": {"name": "inner", "creationTimestamp": null}, "data": {"k": "v"}}
                """));
  }
}
