package io.k3j.core.clients.operator;

import java.util.Objects;

/** What the operator last did for a {@link Site}. */
public class SiteStatus {
  private Long observedGeneration;
  private String image;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SiteStatus other
        && Objects.equals(observedGeneration, other.observedGeneration)
        && Objects.equals(image, other.image);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, image);
  }
}
