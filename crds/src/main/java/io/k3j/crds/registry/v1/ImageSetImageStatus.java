package io.k3j.crds.registry.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** Whether one image of an {@link ImageSet} is stored and pinned. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageSetImageStatus {
  /** The image as listed in {@code spec.images}. */
  @Required private String image;

  /** The manifest(s) and every blob are stored and pinned. */
  @Required private Boolean present;

  /** The manifest digest the reference resolved to. */
  private String digest;

  /** Bytes of the image's manifests and blobs. */
  private Long sizeBytes;

  /** RFC 3339 time the image was last synced. */
  private String lastSync;

  /** Why the image is not present. */
  private String error;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public Boolean getPresent() {
    return present;
  }

  public void setPresent(Boolean present) {
    this.present = present;
  }

  public String getDigest() {
    return digest;
  }

  public void setDigest(String digest) {
    this.digest = digest;
  }

  public Long getSizeBytes() {
    return sizeBytes;
  }

  public void setSizeBytes(Long sizeBytes) {
    this.sizeBytes = sizeBytes;
  }

  public String getLastSync() {
    return lastSync;
  }

  public void setLastSync(String lastSync) {
    this.lastSync = lastSync;
  }

  public String getError() {
    return error;
  }

  public void setError(String error) {
    this.error = error;
  }
}
