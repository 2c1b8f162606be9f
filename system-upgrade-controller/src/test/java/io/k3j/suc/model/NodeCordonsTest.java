package io.k3j.suc.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NodeCordonsTest {
  @Test
  @DisplayName("plans are recorded and forgotten one by one; the annotation goes with the last")
  void recordAndForget() {
    Node node = Plans.node("n");
    assertThat(NodeCordons.set(node, "ns/a", true)).isTrue();
    assertThat(NodeCordons.set(node, "ns/a", true)).isFalse();
    assertThat(NodeCordons.set(node, "ns/b", true)).isTrue();
    assertThat(node.getMetadata().getAnnotations())
        .containsEntry(NodeCordons.ANNOTATION, "ns/a,ns/b");
    assertThat(NodeCordons.set(node, "ns/a", false)).isTrue();
    assertThat(NodeCordons.of(node)).containsExactly("ns/b");
    assertThat(NodeCordons.set(node, "ns/b", false)).isTrue();
    assertThat(node.getMetadata().getAnnotations()).doesNotContainKey(NodeCordons.ANNOTATION);
    assertThat(NodeCordons.set(node, "ns/b", false)).isFalse();
  }
}
