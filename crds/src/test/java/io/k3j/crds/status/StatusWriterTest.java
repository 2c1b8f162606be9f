package io.k3j.crds.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.k3j.crds.StatusWriter;
import io.k3j.crds.upgrade.v1.PlanNodesStatus;
import io.k3j.crds.upgrade.v1.PlanStatus;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StatusWriterTest {

  static PlanStatus status(String version, List<String> applying) {
    PlanStatus status = new PlanStatus();
    status.setLatestVersion(version);
    status.setApplying(applying);
    return status;
  }

  @Test
  @DisplayName("an unchanged status gives no patch")
  void unchanged() {
    JsonNode before = StatusWriter.snapshot(status("v1", List.of("a")));
    assertThat(StatusWriter.patch(status("v1", List.of("a")), before)).isEmpty();
    assertThat(StatusWriter.patch(null, StatusWriter.snapshot(null))).isEmpty();
    assertThat(StatusWriter.patch(null, null)).isEmpty();
  }

  @Test
  @DisplayName("a changed status is sent whole, with null for the fields that went away")
  void changed() {
    JsonNode before = StatusWriter.snapshot(status("v1", List.of("a", "b")));
    assertThat(StatusWriter.patch(status("v2", null), before).orElseThrow().toString())
        .isEqualTo("{\"status\":{\"latestVersion\":\"v2\",\"applying\":null}}");
  }

  @Test
  @DisplayName("a first status is sent whole; a status that went away is sent as null")
  void firstAndGone() {
    assertThat(StatusWriter.patch(status("v1", null), null).orElseThrow().toString())
        .isEqualTo("{\"status\":{\"latestVersion\":\"v1\"}}");
    JsonNode before = StatusWriter.snapshot(status("v1", null));
    assertThat(StatusWriter.patch(null, before).orElseThrow().toString())
        .isEqualTo("{\"status\":null}");
  }

  @Test
  @DisplayName("fields that went away from nested objects are sent as null too; lists go whole")
  void nested() {
    JsonNode before =
        Serialization.jsonMapper()
            .createObjectNode()
            .put("progress", "1/2")
            .set(
                "nodes",
                Serialization.jsonMapper().createObjectNode().put("total", 2).put("done", 1));
    PlanStatus after = new PlanStatus();
    after.setNodes(new PlanNodesStatus());
    after.getNodes().setTotal(2);
    assertThat(StatusWriter.patch(after, before).orElseThrow().toString())
        .isEqualTo("{\"status\":{\"nodes\":{\"total\":2,\"done\":null},\"progress\":null}}");
  }
}
