package io.k3j.addons.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.crds.k3s.v1.GroupVersionKind;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ObjectSetLabelsTest {
  @Test
  @DisplayName("the hash label equals the one k3s writes on its packaged add-ons")
  void hashMatchesK3s() {
    // Label values seen on objects of k3s's coredns and a user "runtimes" manifest.
    assertThat(ObjectSetLabels.hash("kube-system", "coredns"))
        .isEqualTo("bce283298811743a0386ab510f2f67ef74240c57");
    assertThat(ObjectSetLabels.hash("kube-system", "runtimes"))
        .isEqualTo("57231bea9658cf25fcdac23f1c5685ac7bbcf983");
    assertThat(ObjectSetLabels.annotations("kube-system", "coredns"))
        .containsEntry(ObjectSetLabels.OWNER_GVK, "k3s.cattle.io/v1, Kind=Addon")
        .containsEntry(ObjectSetLabels.ID, "");
  }

  @Test
  @DisplayName("the gvks annotation round-trips in Go's GroupVersionKind format")
  void gvkAnnotation() {
    var gvks =
        new LinkedHashSet<>(List.of(Gvks.of("v1", "ConfigMap"), Gvks.of("apps/v1", "Deployment")));
    String text = Gvks.format(gvks);
    assertThat(text).isEqualTo("/v1, Kind=ConfigMap;apps/v1, Kind=Deployment");
    assertThat(Gvks.parse(text)).containsExactlyInAnyOrderElementsOf(gvks);
    assertThat(Gvks.parse("garbage;/v1, Kind=Secret"))
        .containsExactly(new GroupVersionKind("", "v1", "Secret"));
    assertThat(Gvks.apiVersion(Gvks.of("v1", "Pod"))).isEqualTo("v1");
  }
}
