package io.k3j.suc.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FinishedJobsTest {
  static final String LABEL = NodeSelection.planLabel("p");
  static final String AT = "2026-01-01T10:00:00Z";

  static Job job(String hash, String condition, Integer ttl, String ttlAnnotation) {
    JobBuilder b =
        new JobBuilder()
            .withNewMetadata()
            .withName("j")
            .withLabels(Map.of(LABEL, hash))
            .withAnnotations(
                ttlAnnotation == null
                    ? Map.of()
                    : Map.of(UpgradeJobs.ANNOTATION_TTL, ttlAnnotation))
            .endMetadata()
            .withNewSpec()
            .withTtlSecondsAfterFinished(ttl)
            .endSpec();
    if (condition != null) {
      b.withNewStatus()
          .addNewCondition()
          .withType(condition)
          .withStatus("True")
          .withLastTransitionTime(AT)
          .endCondition()
          .endStatus();
    }
    return b.build();
  }

  @Test
  @DisplayName(
      "the TTL runs from the finish: the spec's, else upstream's annotation; none while running")
  void expiry() {
    assertThat(FinishedJobs.expiry(job("h", "Complete", 900, null)))
        .contains(Instant.parse(AT).plusSeconds(900));
    assertThat(FinishedJobs.expiry(job("h", "Failed", null, "60")))
        .contains(Instant.parse(AT).plusSeconds(60));
    assertThat(FinishedJobs.expiry(job("h", "Failed", null, "x"))).contains(Instant.parse(AT));
    assertThat(FinishedJobs.expiry(job("h", null, 900, null))).isEmpty();
  }

  @Test
  @DisplayName(
      "settled: another hash, or completed with its node labelled or gone; never a failed current Job")
  void settled() {
    Node labelled = Plans.node("n", Map.of(LABEL, "h"));
    Node unlabelled = Plans.node("n", Map.of());
    assertThat(FinishedJobs.settled(job("old", "Failed", 1, null), "h", unlabelled, LABEL))
        .isTrue();
    assertThat(FinishedJobs.settled(job("h", "Complete", 1, null), "h", labelled, LABEL)).isTrue();
    assertThat(FinishedJobs.settled(job("h", "Complete", 1, null), "h", null, LABEL)).isTrue();
    assertThat(FinishedJobs.settled(job("h", "Complete", 1, null), "h", unlabelled, LABEL))
        .isFalse();
    assertThat(FinishedJobs.settled(job("h", "Failed", 1, null), "h", labelled, LABEL)).isFalse();
  }
}
