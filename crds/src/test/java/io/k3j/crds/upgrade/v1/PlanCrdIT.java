package io.k3j.crds.upgrade.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.k3j.testsupport.EmbeddedK3j;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The checked-in Plan CRD, installed on k3j, accepts the Plans users write for upstream. */
class PlanCrdIT {
  static final String NAMESPACE = "system-upgrade";
  static EmbeddedK3j k3j;
  static KubernetesClient client;

  @BeforeAll
  static void installCrd() throws IOException {
    k3j = EmbeddedK3j.start();
    client = k3j.client();
    try (InputStream yaml = PlanCrdIT.class.getResourceAsStream("/crds/" + PlanCrdTest.FILE)) {
      client.resource(Serialization.unmarshal(yaml, CustomResourceDefinition.class)).create();
    }
    EmbeddedK3j.createNamespace(client, NAMESPACE);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(plans().list().getItems()).isEmpty());
  }

  @AfterAll
  static void stop() {
    client.close();
    k3j.close();
  }

  static MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      plans() {
    return client.genericKubernetesResources(Plan.GROUP + "/" + Plan.VERSION, "Plan");
  }

  static List<GenericKubernetesResource> load(String file) throws IOException {
    try (InputStream yaml = PlanCrdIT.class.getResourceAsStream("/plans/" + file)) {
      String text = new String(yaml.readAllBytes(), StandardCharsets.UTF_8);
      return Arrays.stream(text.split("\n---\n"))
          .map(doc -> Serialization.unmarshal(doc, GenericKubernetesResource.class))
          .toList();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "k3s-docs-server-agent.yaml",
        "rke2-docs.yaml",
        "suc-examples.yaml",
        "every-field.yaml"
      })
  @DisplayName("upstream's documented Plans are accepted unchanged and read back as typed Plans")
  void upstreamPlansApply(String file) throws IOException {
    for (GenericKubernetesResource plan : load(file)) {
      plans().inNamespace(NAMESPACE).resource(plan).create();
      Plan typed =
          client
              .resources(Plan.class)
              .inNamespace(NAMESPACE)
              .withName(plan.getMetadata().getName())
              .get();
      assertThat(typed.getSpec().getUpgrade().getImage()).isNotBlank();
      assertThat(json(typed.getSpec())).isEqualTo(json(plan.getAdditionalProperties().get("spec")));
    }
  }

  /** The value as a JSON tree parsed from text, so that int and long read the same. */
  static JsonNode json(Object value) throws IOException {
    return Serialization.jsonMapper().readTree(Serialization.asJson(value));
  }

  @Test
  @DisplayName("a Plan without spec.upgrade is rejected")
  void upgradeIsRequired() {
    GenericKubernetesResource plan =
        Serialization.unmarshal(
            "apiVersion: upgrade.cattle.io/v1\nkind: Plan\nmetadata: {name: no-upgrade}\n"
                + "spec: {concurrency: 1, version: v1}\n",
            GenericKubernetesResource.class);
    assertThatThrownBy(() -> plans().inNamespace(NAMESPACE).resource(plan).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining("spec.upgrade");
  }

  @Test
  @DisplayName("a window day outside upstream's enum is rejected naming spec.window.days")
  void badWindowDayRejected() {
    GenericKubernetesResource plan =
        Serialization.unmarshal(
            "apiVersion: upgrade.cattle.io/v1\nkind: Plan\nmetadata: {name: never}\n"
                + "spec: {concurrency: 1, version: v1, upgrade: {image: x},"
                + " window: {days: [never], startTime: '00:00', endTime: '23:59'}}\n",
            GenericKubernetesResource.class);
    assertThatThrownBy(() -> plans().inNamespace(NAMESPACE).resource(plan).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining("spec.window.days");
  }

  @Test
  @DisplayName("status is a subresource: the main resource ignores it, /status writes it")
  void statusSubresource() {
    Plan plan = new Plan();
    plan.getMetadata().setName("status-plan");
    plan.setSpec(new PlanSpec());
    plan.getSpec().setVersion("v1");
    plan.getSpec().setUpgrade(new ContainerSpec());
    plan.getSpec().getUpgrade().setImage("x");
    PlanStatus status = new PlanStatus();
    status.setLatestVersion("ignored");
    plan.setStatus(status);
    Plan created = client.resources(Plan.class).inNamespace(NAMESPACE).resource(plan).create();
    assertThat(created.getStatus())
        .satisfiesAnyOf(
            s -> assertThat(s).isNull(), s -> assertThat(s.getLatestVersion()).isNull());

    PlanStatus written = new PlanStatus();
    written.setLatestVersion("v1");
    written.setApplying(List.of("node-a"));
    created.setStatus(written);
    Plan updated =
        client.resources(Plan.class).inNamespace(NAMESPACE).resource(created).updateStatus();
    assertThat(updated.getStatus().getLatestVersion()).isEqualTo("v1");
    assertThat(updated.getStatus().getApplying()).containsExactly("node-a");
  }
}
