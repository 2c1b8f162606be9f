package io.k3j.crds.k3s.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The manifest file an {@link Addon} tracks. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AddonSpec {
  /** Path on disk of the manifest file. */
  private String source;

  /** Hex SHA-256 of the manifest content most recently applied without error. */
  private String checksum;

  public String getSource() {
    return source;
  }

  public void setSource(String source) {
    this.source = source;
  }

  public String getChecksum() {
    return checksum;
  }

  public void setChecksum(String checksum) {
    this.checksum = checksum;
  }
}
