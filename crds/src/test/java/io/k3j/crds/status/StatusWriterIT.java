package io.k3j.crds.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.k3j.crds.CrdInstaller;
import io.k3j.crds.StatusWriter;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.crds.upgrade.v1.PlanStatus;
import io.k3j.testsupport.EmbeddedK3j;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** StatusWriter against k3j's API server, with a stale copy of the object. */
class StatusWriterIT {
  static final String NAMESPACE = "status-writer";
  static EmbeddedK3j k3j;
  static KubernetesClient client;

  @BeforeAll
  static void start() throws IOException {
    k3j = EmbeddedK3j.start();
    client = k3j.client();
    CrdInstaller.install(client, "/crds/plans.upgrade.cattle.io-v1.yml");
    EmbeddedK3j.createNamespace(client, NAMESPACE);
  }

  @AfterAll
  static void stop() {
    client.close();
    k3j.close();
  }

  static Plan plan(String name) {
    Plan plan =
        Serialization.unmarshal(
            "apiVersion: upgrade.cattle.io/v1\nkind: Plan\nmetadata: {name: "
                + name
                + ", namespace: "
                + NAMESPACE
                + "}\nspec: {concurrency: 1, version: v1, upgrade: {image: x}}\n",
            Plan.class);
    return client.resource(plan).create();
  }

  static PlanStatus status(String version, List<String> applying) {
    PlanStatus status = new PlanStatus();
    status.setLatestVersion(version);
    status.setApplying(applying);
    return status;
  }

  static Plan read(String name) {
    return client.resources(Plan.class).inNamespace(NAMESPACE).withName(name).get();
  }

  @Test
  @DisplayName("writes a changed status from a stale copy, dropping fields that went away")
  void staleCopy() {
    Plan stale = plan("stale");
    JsonNode before = StatusWriter.snapshot(stale.getStatus());
    assertThat(StatusWriter.write(client, stale, status("v1", List.of("a", "b")), before))
        .isPresent();
    assertThat(read("stale").getStatus().getApplying()).containsExactly("a", "b");

    // The stale copy has not seen the first write: its "before" still has no status.
    Plan written = StatusWriter.write(client, stale, status("v2", null), before).orElseThrow();
    assertThat(written.getStatus().getLatestVersion()).isEqualTo("v2");
    // applying was not in "before", so a stale writer cannot know to drop it; a fresh one does.
    JsonNode fresh = StatusWriter.snapshot(read("stale").getStatus());
    StatusWriter.write(client, read("stale"), status("v3", null), fresh);
    PlanStatus stored = read("stale").getStatus();
    assertThat(stored.getLatestVersion()).isEqualTo("v3");
    assertThat(stored.getApplying()).isNull();
  }

  @Test
  @DisplayName("sends nothing when the status did not change")
  void unchanged() {
    Plan plan = plan("unchanged");
    StatusWriter.write(client, plan, status("v1", null), StatusWriter.snapshot(null));
    Plan current = read("unchanged");
    String version = current.getMetadata().getResourceVersion();
    assertThat(
            StatusWriter.write(
                client, current, status("v1", null), StatusWriter.snapshot(current.getStatus())))
        .isEmpty();
    assertThat(read("unchanged").getMetadata().getResourceVersion()).isEqualTo(version);
  }
}
