package io.k3j.crds.registry.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import java.util.List;

/**
 * How nodes reach the local registry: the target written into {@code registries.yaml} and {@code
 * hosts.toml}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MirrorNodes {
  /**
   * Root URL of the local registry as nodes see it, e.g. {@code http://10.0.0.5:5000} (no path).
   */
  @Pattern("^https?://[^/]+/?$")
  private String endpoint;

  /** containerd host capabilities; absent: {@code pull} and {@code resolve}. */
  private List<String> capabilities;

  /** Path on the node of the CA bundle that signed an https endpoint. */
  private String caFile;

  /** Nodes skip TLS verification of the endpoint. */
  private Boolean insecureSkipVerify;

  /**
   * containerd 2.1+ {@code dial_timeout}, e.g. {@code 200ms}; leave absent for older containerd,
   * which rejects the key.
   */
  @Pattern("^[0-9]+(ms|s|m)$")
  private String dialTimeout;

  /**
   * Never fall back to the original registry (air-gapped sites): the local registry becomes
   * containerd's {@code server}.
   */
  private Boolean mirrorOnly;

  /**
   * Also write the files into the node configuration directory when the operator has one; absent:
   * true.
   */
  private Boolean writeFiles;

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public List<String> getCapabilities() {
    return capabilities;
  }

  public void setCapabilities(List<String> capabilities) {
    this.capabilities = capabilities;
  }

  public String getCaFile() {
    return caFile;
  }

  public void setCaFile(String caFile) {
    this.caFile = caFile;
  }

  public Boolean getInsecureSkipVerify() {
    return insecureSkipVerify;
  }

  public void setInsecureSkipVerify(Boolean insecureSkipVerify) {
    this.insecureSkipVerify = insecureSkipVerify;
  }

  public String getDialTimeout() {
    return dialTimeout;
  }

  public void setDialTimeout(String dialTimeout) {
    this.dialTimeout = dialTimeout;
  }

  public Boolean getMirrorOnly() {
    return mirrorOnly;
  }

  public void setMirrorOnly(Boolean mirrorOnly) {
    this.mirrorOnly = mirrorOnly;
  }

  public Boolean getWriteFiles() {
    return writeFiles;
  }

  public void setWriteFiles(Boolean writeFiles) {
    this.writeFiles = writeFiles;
  }
}
