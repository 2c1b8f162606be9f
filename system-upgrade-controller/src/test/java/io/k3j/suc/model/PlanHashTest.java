package io.k3j.suc.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.k3j.crds.upgrade.v1.Plan;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PlanHashTest {
  static Secret secret(String name, String value) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withType("Opaque")
        .withData(Map.of("k", java.util.Base64.getEncoder().encodeToString(value.getBytes())))
        .build();
  }

  @Test
  @DisplayName("the hash is SHA-224 of version and service account, 56 lowercase hex chars")
  void versionAndServiceAccount() {
    Plan plan = Plans.plan("serviceAccountName: system-upgrade\nupgrade: {image: x}");
    // Independently computed: sha224(b"v1.33.4-k3s1system-upgrade")
    assertThat(PlanHash.of(plan, "v1.33.4-k3s1", Map.of()))
        .isEqualTo("abe372452d389dd6e01c16fa0f44dbcaff680482de72a49b6cbc604e");
  }

  @Test
  @DisplayName("secrets hash as kubectl's name suffix; ignoreUpdates secrets are not hashed")
  void secrets() {
    assertThat(PlanHash.secretHash(secret("s", "v"))).isEqualTo("f9fm229cgt");
    Plan ignored =
        Plans.plan("upgrade: {image: x}\nsecrets: [{name: s, path: /s, ignoreUpdates: true}]");
    Plan hashed = Plans.plan("upgrade: {image: x}\nsecrets: [{name: s, path: /s}]");
    String base = PlanHash.of(Plans.plan("upgrade: {image: x}"), "v1", Map.of());
    assertThat(PlanHash.of(ignored, "v1", Map.of())).isEqualTo(base);
    String before = PlanHash.of(hashed, "v1", Map.of("s", secret("s", "one")));
    assertThat(before).isNotEqualTo(base);
    assertThat(PlanHash.of(hashed, "v1", Map.of("s", secret("s", "two")))).isNotEqualTo(before);
    assertThatThrownBy(() -> PlanHash.of(hashed, "v1", Map.of()))
        .hasMessageContaining("secret s not found");
  }

  @Test
  @DisplayName("the digest annotation adds the named values; without it concurrency is not hashed")
  void digestAnnotation() {
    String spec = "upgrade: {image: x, envs: [{name: A, value: b}]}\nconcurrency: ";
    assertThat(PlanHash.of(Plans.plan(spec + "1"), "v1", Map.of()))
        .isEqualTo(PlanHash.of(Plans.plan(spec + "2"), "v1", Map.of()));
    Plan one = Plans.plan(spec + "1");
    Plan two = Plans.plan(spec + "2");
    one.getMetadata()
        .setAnnotations(Map.of(PlanHash.DIGEST_ANNOTATION, "spec.concurrency,spec.upgrade.envs"));
    two.getMetadata().setAnnotations(one.getMetadata().getAnnotations());
    assertThat(PlanHash.of(one, "v1", Map.of())).isNotEqualTo(PlanHash.of(two, "v1", Map.of()));
    // "v1" + "" (no service account) + "1" + "map[name:A value:b]" (first list element)
    assertThat(PlanHash.of(one, "v1", Map.of()))
        .isEqualTo(PlanHash.hex(PlanHash.digest("SHA-224", "v11map[name:A value:b]")));
  }
}
