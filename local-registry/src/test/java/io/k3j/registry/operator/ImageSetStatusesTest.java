package io.k3j.registry.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.k3j.crds.registry.v1.ImageSet;
import io.k3j.crds.registry.v1.ImageSetStatus;
import io.k3j.registry.imageset.ImageStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ImageSetStatusesTest {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

  static ImageSet set() {
    ImageSet set =
        Serialization.unmarshal(
            "apiVersion: registry.k3j.io/v1\nkind: ImageSet\n"
                + "metadata: {name: s, namespace: n, generation: 4}\n"
                + "spec: {images: [a:1, b:2]}\n",
            ImageSet.class);
    return set;
  }

  static ImageStatus present(String image, long size, Instant at) {
    return new ImageStatus(image, true, Optional.of("sha256:" + image), size, at, Optional.empty());
  }

  @Test
  @DisplayName("counts, sizes and per-image entries; Ready=False names each missing image")
  void counts() {
    ImageSet set = set();
    ImageSetStatus status =
        ImageSetStatuses.synced(
            set,
            List.of(
                present("a:1", 100, T0),
                new ImageStatus("b:2", false, Optional.empty(), 0, T0, Optional.of("offline"))),
            T0);
    assertThat(status.getPresent()).isEqualTo(1);
    assertThat(status.getTotal()).isEqualTo(2);
    assertThat(status.getSizeBytes()).isEqualTo(100);
    assertThat(status.getLastSyncTime()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(status.getObservedGeneration()).isEqualTo(4);
    assertThat(status.getImages().get(1).getError()).isEqualTo("offline");
    var ready = status.getConditions().get(0);
    assertThat(ready.getType()).isEqualTo("Ready");
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo(ImageSetStatuses.IMAGES_MISSING);
    assertThat(ready.getMessage()).isEqualTo("b:2: offline");
  }

  @Test
  @DisplayName("lastTransitionTime moves only when Ready flips, not at every re-sync")
  void transitionTime() {
    ImageSet set = set();
    set.setStatus(
        ImageSetStatuses.synced(set, List.of(present("a:1", 1, T0), present("b:2", 1, T0)), T0));
    Instant later = T0.plusSeconds(3600);
    set.setStatus(
        ImageSetStatuses.synced(
            set, List.of(present("a:1", 1, later), present("b:2", 1, later)), later));
    var ready = set.getStatus().getConditions().get(0);
    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getLastTransitionTime()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(set.getStatus().getLastSyncTime()).isEqualTo("2026-03-01T11:00:00Z");

    set.setStatus(ImageSetStatuses.invalid(set, "spec.platforms: bad", later));
    assertThat(set.getStatus().getConditions()).hasSize(1);
    assertThat(set.getStatus().getConditions().get(0).getLastTransitionTime())
        .isEqualTo("2026-03-01T11:00:00Z");
  }
}
