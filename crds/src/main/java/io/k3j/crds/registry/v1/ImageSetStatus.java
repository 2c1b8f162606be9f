package io.k3j.crds.registry.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** The observed state of an {@link ImageSet}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageSetStatus {
  /** Condition {@code Ready}: every image is stored and pinned. */
  private List<Condition> conditions;

  /** One entry per image of {@code spec.images}, in the same order. */
  private List<ImageSetImageStatus> images;

  /** How many images are stored and pinned. */
  private Integer present;

  /** How many images the set lists. */
  private Integer total;

  /** Bytes of manifests and blobs of the present images (shared blobs counted once per image). */
  private Long sizeBytes;

  /** RFC 3339 time of the last sync. */
  private String lastSyncTime;

  /** The {@code metadata.generation} the status describes. */
  private Long observedGeneration;

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public List<ImageSetImageStatus> getImages() {
    return images;
  }

  public void setImages(List<ImageSetImageStatus> images) {
    this.images = images;
  }

  public Integer getPresent() {
    return present;
  }

  public void setPresent(Integer present) {
    this.present = present;
  }

  public Integer getTotal() {
    return total;
  }

  public void setTotal(Integer total) {
    this.total = total;
  }

  public Long getSizeBytes() {
    return sizeBytes;
  }

  public void setSizeBytes(Long sizeBytes) {
    this.sizeBytes = sizeBytes;
  }

  public String getLastSyncTime() {
    return lastSyncTime;
  }

  public void setLastSyncTime(String lastSyncTime) {
    this.lastSyncTime = lastSyncTime;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }
}
