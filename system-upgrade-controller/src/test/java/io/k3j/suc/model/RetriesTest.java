package io.k3j.suc.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.k3j.crds.upgrade.v1.RetrySpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RetriesTest {
  static RetrySpec retry(Integer limit, String backoff) {
    RetrySpec spec = new RetrySpec();
    spec.setLimit(limit);
    spec.setBackoff(backoff);
    return spec;
  }

  @Test
  @DisplayName("no retry spec or limit 0: a failure is final, as upstream")
  void noRetry() {
    assertThat(Retries.delay(null, 1)).isEmpty();
    assertThat(Retries.delay(retry(0, "1s"), 1)).isEmpty();
    assertThat(Retries.delay(retry(null, "1s"), 1)).isEmpty();
  }

  @Test
  @DisplayName("the back-off doubles per failed attempt, up to the limit and at most ten minutes")
  void backoffDoubles() {
    RetrySpec spec = retry(3, "5s");
    assertThat(Retries.delay(spec, 1)).contains(Duration.ofSeconds(5));
    assertThat(Retries.delay(spec, 2)).contains(Duration.ofSeconds(10));
    assertThat(Retries.delay(spec, 3)).contains(Duration.ofSeconds(20));
    assertThat(Retries.delay(spec, 4)).isEmpty();
    assertThat(Retries.delay(retry(100, "4m"), 3)).contains(Duration.ofMinutes(10));
    assertThat(Retries.delay(retry(1, null), 1)).contains(Duration.ofSeconds(10));
  }

  @Test
  @DisplayName("the attempt comes from the Job's annotation, 1 when absent or unreadable")
  void attempt() {
    assertThat(Retries.attempt(job(Map.of()))).isEqualTo(1);
    assertThat(Retries.attempt(job(Map.of(Retries.ANNOTATION_ATTEMPT, "3")))).isEqualTo(3);
    assertThat(Retries.attempt(job(Map.of(Retries.ANNOTATION_ATTEMPT, "x")))).isEqualTo(1);
  }

  static Job job(Map<String, String> annotations) {
    return new JobBuilder().withNewMetadata().withAnnotations(annotations).endMetadata().build();
  }
}
