package io.k3j.registry.operator;

import io.k3j.crds.registry.v1.ImageSet;
import io.k3j.crds.registry.v1.ImageSetImageStatus;
import io.k3j.crds.registry.v1.ImageSetStatus;
import io.k3j.registry.imageset.ImageStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The status of an ImageSet from the result of a sync, or from a spec that cannot be synced. */
final class ImageSetStatuses {
  static final String SYNCED = "Synced";
  static final String IMAGES_MISSING = "ImagesMissing";
  static final String INVALID_SPEC = "InvalidSpec";

  private ImageSetStatuses() {}

  static ImageSetStatus synced(ImageSet set, List<ImageStatus> images, Instant now) {
    ImageSetStatus status = base(set);
    status.setImages(images.stream().map(ImageSetStatuses::image).toList());
    int present = (int) images.stream().filter(ImageStatus::present).count();
    status.setPresent(present);
    status.setTotal(images.size());
    status.setSizeBytes(images.stream().mapToLong(ImageStatus::sizeBytes).sum());
    status.setLastSyncTime(time(now));
    List<String> missing =
        images.stream()
            .filter(i -> !i.present())
            .map(i -> i.image() + ": " + i.error().orElse("not present"))
            .toList();
    status.setConditions(
        Conditions.ready(
            status.getConditions(),
            missing.isEmpty(),
            missing.isEmpty() ? SYNCED : IMAGES_MISSING,
            missing.isEmpty()
                ? present + " of " + images.size() + " images stored and pinned"
                : String.join("; ", missing),
            set.getMetadata().getGeneration(),
            now));
    return status;
  }

  static ImageSetStatus invalid(ImageSet set, String message, Instant now) {
    ImageSetStatus status = base(set);
    status.setConditions(
        Conditions.ready(
            status.getConditions(),
            false,
            INVALID_SPEC,
            message,
            set.getMetadata().getGeneration(),
            now));
    return status;
  }

  private static ImageSetStatus base(ImageSet set) {
    ImageSetStatus status = set.getStatus() == null ? new ImageSetStatus() : set.getStatus();
    status.setObservedGeneration(set.getMetadata().getGeneration());
    return status;
  }

  private static ImageSetImageStatus image(ImageStatus image) {
    ImageSetImageStatus status = new ImageSetImageStatus();
    status.setImage(image.image());
    status.setPresent(image.present());
    status.setDigest(image.digest().orElse(null));
    status.setSizeBytes(image.sizeBytes());
    status.setLastSync(time(image.lastSync()));
    status.setError(image.error().orElse(null));
    return status;
  }

  private static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
