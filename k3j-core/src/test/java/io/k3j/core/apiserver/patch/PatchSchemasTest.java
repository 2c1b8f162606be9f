package io.k3j.core.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.core.apiserver.openapi.OpenApiHandler;
import io.k3j.core.apiserver.resources.ResourceRegistry;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PatchSchemasTest {
  private final ResourceRegistry registry = new ResourceRegistry();
  private final PatchSchemas schemas =
      new PatchSchemas(new OpenApiHandler(registry, Clock.systemUTC()));

  private PatchSchema schema(String group, String version, String plural) {
    return schemas.of(registry.find(group, version, plural).orElseThrow());
  }

  @Test
  @DisplayName("merge keys and strategies are read through references in the served documents")
  void readsPatchMetadata() {
    PatchSchema pod = schema("", "v1", "pods");
    PatchSchema containers = pod.field("spec").field("containers");
    assertThat(containers.mergesList()).isTrue();
    assertThat(containers.mergeKey()).isEqualTo("name");
    assertThat(containers.items().field("ports").mergeKey()).isEqualTo("containerPort");
    assertThat(containers.items().field("args").mergesList()).isFalse();
    assertThat(pod.field("metadata").field("finalizers").mergesList()).isTrue();
    assertThat(pod.field("metadata").field("finalizers").mergeKey()).isNull();
    assertThat(pod.field("metadata").field("labels").field("any").mergesList()).isFalse();
  }

  @Test
  @DisplayName("a map with strategy replace is recognised; unknown places are open")
  void replaceAndOpen() {
    PatchSchema budget = schema("policy", "v1", "poddisruptionbudgets");
    assertThat(budget.field("spec").field("selector").replacesMap()).isTrue();
    assertThat(budget.field("spec").field("nosuchfield").mergesList()).isFalse();
    assertThat(budget.field("spec").field("nosuchfield").field("deeper").mergeKey()).isNull();
  }
}
