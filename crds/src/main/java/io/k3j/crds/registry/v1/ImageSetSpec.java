package io.k3j.crds.registry.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** The desired state of an {@link ImageSet}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageSetSpec {
  /**
   * Images to pre-pull and pin, by tag ({@code docker.io/library/alpine:3.20}) or digest ({@code
   * ghcr.io/org/app@sha256:...}); a tag is re-resolved at every re-sync.
   */
  @Required
  @Size(min = 1)
  private List<String> images;

  /**
   * Platforms of a multi-platform image to keep, as {@code os/architecture[/variant]}; {@code all}
   * keeps every platform. Absent: the platform of the node the registry runs on.
   */
  private List<String> platforms;

  /**
   * How often the set is re-synced while the upstream is reachable, as a duration ({@code 30m},
   * {@code 6h}, {@code 1d}); {@code 0s} syncs only when the spec changes. Absent: {@code 1h}.
   */
  @Pattern("^[0-9]+(ms|s|m|h|d)$")
  private String resyncInterval;

  /**
   * When to re-sync the set while the upstream is reachable, as a standard five-field cron schedule
   * ({@code minute hour day-of-month month day-of-week}, as a Kubernetes CronJob's {@code
   * schedule}, {@code @daily}-style descriptors included), in {@link #timeZone}. When set it
   * replaces {@link #resyncInterval}.
   */
  private String schedule;

  /**
   * The IANA time zone {@link #schedule} is read in ({@code Europe/Berlin}), as a Kubernetes
   * CronJob's {@code timeZone}. Absent: UTC.
   */
  private String timeZone;

  public List<String> getImages() {
    return images;
  }

  public void setImages(List<String> images) {
    this.images = images;
  }

  public List<String> getPlatforms() {
    return platforms;
  }

  public void setPlatforms(List<String> platforms) {
    this.platforms = platforms;
  }

  public String getResyncInterval() {
    return resyncInterval;
  }

  public void setResyncInterval(String resyncInterval) {
    this.resyncInterval = resyncInterval;
  }

  public String getSchedule() {
    return schedule;
  }

  public void setSchedule(String schedule) {
    this.schedule = schedule;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }
}
