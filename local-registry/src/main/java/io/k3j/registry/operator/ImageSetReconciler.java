package io.k3j.registry.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.k3j.crds.StatusWriter;
import io.k3j.crds.registry.v1.ImageSet;
import io.k3j.registry.imageset.ImageSets;
import io.k3j.registry.imageset.ImageStatus;
import io.k3j.registry.imageset.Platforms;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles an ImageSet: validate the spec, pull every image through the cache and pin it, write
 * status, and come back at the next time of {@code schedule} or after {@code resyncInterval}.
 * Deleting the set drops its pins, so its images become evictable.
 */
@ControllerConfiguration(name = "imageset")
public final class ImageSetReconciler implements Reconciler<ImageSet>, Cleaner<ImageSet> {
  static final Duration DEFAULT_RESYNC = Duration.ofHours(1);

  /** Missing images (upstream down, upstream not yet mirrored) are retried this often. */
  static final Duration RETRY_MISSING = Duration.ofMinutes(1);

  /** A scheduled re-sync due in less than this waits this long (zero would mean never). */
  static final Duration MIN_SCHEDULED_DELAY = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(ImageSetReconciler.class);

  private final ImageSets imageSets;
  private final Platforms nodePlatforms;
  private final Clock clock;

  ImageSetReconciler(ImageSets imageSets, Platforms nodePlatforms, Clock clock) {
    this.imageSets = imageSets;
    this.nodePlatforms = nodePlatforms;
    this.clock = clock;
  }

  static String setName(ImageSet set) {
    return set.getMetadata().getNamespace() + "/" + set.getMetadata().getName();
  }

  @Override
  public UpdateControl<ImageSet> reconcile(ImageSet set, Context<ImageSet> context) {
    var before =
        ReadyEvents.ready(set.getStatus() == null ? null : set.getStatus().getConditions());
    JsonNode statusBefore = StatusWriter.snapshot(set.getStatus());
    UpdateControl<ImageSet> control = sync(set);
    StatusWriter.write(context.getClient(), set, set.getStatus(), statusBefore);
    ReadyEvents.onChange(
        context.getClient(),
        set,
        before,
        ReadyEvents.ready(set.getStatus().getConditions()),
        clock);
    return control;
  }

  private UpdateControl<ImageSet> sync(ImageSet set) {
    Platforms platforms;
    Duration resync;
    try {
      platforms = platforms(set);
      resync = resync(set);
    } catch (IllegalArgumentException e) {
      LOG.warn("image set {} is invalid: {}", setName(set), e.getMessage());
      set.setStatus(ImageSetStatuses.invalid(set, e.getMessage(), clock.instant()));
      return UpdateControl.noUpdate();
    }
    List<ImageStatus> images = imageSets.sync(setName(set), set.getSpec().getImages(), platforms);
    set.setStatus(ImageSetStatuses.synced(set, images, clock.instant()));
    LOG.info(
        "image set {} synced: {} of {} images present",
        setName(set),
        set.getStatus().getPresent(),
        set.getStatus().getTotal());
    UpdateControl<ImageSet> control = UpdateControl.noUpdate();
    boolean complete = set.getStatus().getPresent().equals(set.getStatus().getTotal());
    Duration next =
        complete || (!resync.isZero() && resync.compareTo(RETRY_MISSING) < 0)
            ? resync
            : RETRY_MISSING;
    return next.isZero() ? control : control.rescheduleAfter(next);
  }

  private Platforms platforms(ImageSet set) {
    List<String> wanted = set.getSpec().getPlatforms();
    return wanted == null || wanted.isEmpty() ? nodePlatforms : Platforms.parse(wanted);
  }

  /**
   * Time until the next re-sync: until the next time of {@code spec.schedule} (in {@code
   * spec.timeZone}) when set, else {@code spec.resyncInterval}.
   */
  private Duration resync(ImageSet set) {
    String schedule = set.getSpec().getSchedule();
    if (schedule == null || schedule.isBlank()) {
      return Optional.ofNullable(set.getSpec().getResyncInterval())
          .map(v -> MirrorModel.duration("spec.resyncInterval", v))
          .orElse(DEFAULT_RESYNC);
    }
    Instant now = clock.instant();
    Instant next =
        ImageSetSchedule.parse(schedule, set.getSpec().getTimeZone())
            .next(now)
            .orElseThrow(
                () ->
                    new IllegalArgumentException("spec.schedule: '" + schedule + "' never fires"));
    Duration until = Duration.between(now, next);
    return until.compareTo(MIN_SCHEDULED_DELAY) < 0 ? MIN_SCHEDULED_DELAY : until;
  }

  @Override
  public DeleteControl cleanup(ImageSet set, Context<ImageSet> context) {
    imageSets.release(setName(set));
    return DeleteControl.defaultDelete();
  }
}
