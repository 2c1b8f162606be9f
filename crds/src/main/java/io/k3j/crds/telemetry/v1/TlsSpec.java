package io.k3j.crds.telemetry.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

/**
 * TLS of an {@code https} destination, named after the OpenTelemetry Collector's client {@code
 * configtls} settings ({@code ca_pem}, {@code cert_pem}, {@code key_pem}, {@code
 * insecure_skip_verify}, {@code server_name_override}), with the PEM text read from Secrets of the
 * buffer's namespace. A Secret change applies to the running buffer without a restart.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsSpec {
  /** PEM CA certificate(s) that verify the destination; without it the JVM's trust store. */
  private SecretKeySelector ca;

  /** PEM client certificate chain for mutual TLS; goes together with {@code key}. */
  private SecretKeySelector cert;

  /** Unencrypted PKCS#8 PEM private key ({@code BEGIN PRIVATE KEY}) of {@code cert}. */
  private SecretKeySelector key;

  /** Host name the destination's certificate must carry (and SNI), instead of the URL's host. */
  private String serverName;

  /** Accept any server certificate: no verification at all. For tests only. */
  private Boolean insecureSkipVerify;

  public SecretKeySelector getCa() {
    return ca;
  }

  public void setCa(SecretKeySelector ca) {
    this.ca = ca;
  }

  public SecretKeySelector getCert() {
    return cert;
  }

  public void setCert(SecretKeySelector cert) {
    this.cert = cert;
  }

  public SecretKeySelector getKey() {
    return key;
  }

  public void setKey(SecretKeySelector key) {
    this.key = key;
  }

  public String getServerName() {
    return serverName;
  }

  public void setServerName(String serverName) {
    this.serverName = serverName;
  }

  public Boolean getInsecureSkipVerify() {
    return insecureSkipVerify;
  }

  public void setInsecureSkipVerify(Boolean insecureSkipVerify) {
    this.insecureSkipVerify = insecureSkipVerify;
  }
}
