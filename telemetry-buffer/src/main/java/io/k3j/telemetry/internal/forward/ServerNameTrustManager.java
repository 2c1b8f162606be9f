package io.k3j.telemetry.internal.forward;

import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Verifies the server's chain with a delegate and its name against a configured server name instead
 * of the URL's host (the Collector's {@code configtls} {@code server_name_override}). Names come
 * from the subject alternative names as RFC 6125 asks: DNS names, with a wildcard only as the whole
 * left-most label, or IP addresses for an IP literal.
 */
final class ServerNameTrustManager extends X509ExtendedTrustManager {
  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;
  private final X509ExtendedTrustManager delegate;
  private final String serverName;

  ServerNameTrustManager(X509ExtendedTrustManager delegate, String serverName) {
    this.delegate = delegate;
    this.serverName = serverName.toLowerCase(Locale.ROOT);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkServerTrusted(chain, authType); // the chain only, without a host check
    checkName(chain[0]);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }

  private void checkName(X509Certificate certificate) throws CertificateException {
    Collection<List<?>> names = certificate.getSubjectAlternativeNames();
    boolean ip = isIpLiteral(serverName);
    if (names != null) {
      for (List<?> name : names) {
        int type = (Integer) name.get(0);
        String value = String.valueOf(name.get(1)).toLowerCase(Locale.ROOT);
        if (ip ? type == IP_ADDRESS && sameAddress(value) : type == DNS_NAME && matches(value)) {
          return;
        }
      }
    }
    throw new CertificateException(
        "server certificate "
            + certificate.getSubjectX500Principal().getName()
            + " is not valid for serverName "
            + serverName);
  }

  static boolean isIpLiteral(String name) {
    return name.contains(":") || name.matches("[0-9.]+");
  }

  private boolean sameAddress(String value) {
    try {
      return InetAddress.getByName(value).equals(InetAddress.getByName(serverName));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private boolean matches(String pattern) {
    if (pattern.startsWith("*.")) {
      int dot = serverName.indexOf('.');
      return dot > 0 && serverName.substring(dot).equals(pattern.substring(1));
    }
    return pattern.equals(serverName);
  }
}
