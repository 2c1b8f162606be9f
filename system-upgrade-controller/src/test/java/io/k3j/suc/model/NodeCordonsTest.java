package io.k3j.suc.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import java.util.HashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NodeCordonsTest {
  @Test
  @DisplayName("plans are recorded and forgotten one by one; the annotation goes with the last")
  void recordAndForget() {
    Node node = Plans.node("n");
    assertThat(NodeCordons.of(node)).isEmpty();
    assertThat(NodeCordons.valueWith(node, "ns/a", true)).isEqualTo("ns/a");
    annotate(node, "ns/a");
    assertThat(NodeCordons.valueWith(node, "ns/a", true)).isEqualTo("ns/a");
    assertThat(NodeCordons.valueWith(node, "ns/b", true)).isEqualTo("ns/a,ns/b");
    annotate(node, "ns/b, ns/a");
    assertThat(NodeCordons.of(node)).containsExactly("ns/a", "ns/b");
    assertThat(NodeCordons.valueWith(node, "ns/a", false)).isEqualTo("ns/b");
    annotate(node, "ns/b");
    assertThat(NodeCordons.valueWith(node, "ns/b", false)).isNull();
    assertThat(NodeCordons.valueWith(node, "ns/c", false)).isEqualTo("ns/b");
  }

  private static void annotate(Node node, String value) {
    if (node.getMetadata().getAnnotations() == null) {
      node.getMetadata().setAnnotations(new HashMap<>());
    }
    node.getMetadata().getAnnotations().put(NodeCordons.ANNOTATION, value);
  }
}
