package io.k3j.crds.registry.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One registry mirrored through the local registry. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MirrorUpstream {
  /**
   * The registry as it appears in image references ({@code docker.io}, {@code ghcr.io}, {@code
   * registry.local:5000}), or {@code *} for every registry (mirror configuration only, no
   * upstream).
   */
  @Required
  @Pattern("^(\\*|[A-Za-z0-9.-]+(:[0-9]+)?)$")
  private String name;

  /**
   * The registry's API URL; absent: {@code https://registry-1.docker.io} for docker.io, else {@code
   * https://<name>}.
   */
  @Pattern("^https?://.+")
  private String url;

  /**
   * Secret in the same namespace with keys {@code username} and {@code password} (type {@code
   * kubernetes.io/basic-auth}) used towards this upstream.
   */
  private String credentialsSecret;

  /** TLS towards this upstream. */
  private UpstreamTls tls;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getCredentialsSecret() {
    return credentialsSecret;
  }

  public void setCredentialsSecret(String credentialsSecret) {
    this.credentialsSecret = credentialsSecret;
  }

  public UpstreamTls getTls() {
    return tls;
  }

  public void setTls(UpstreamTls tls) {
    this.tls = tls;
  }
}
