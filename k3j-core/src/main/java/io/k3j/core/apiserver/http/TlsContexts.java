package io.k3j.core.apiserver.http;

import io.k3j.core.security.ClusterSecurity;
import io.k3j.core.security.IssuedCertificate;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The API server's TLS: the serving certificate, client certificates of the client CA, ALPN (h2,
 * then http/1.1), on the JDK's own TLS.
 *
 * <p>The {@link SSLContext} is built here from the key and certificates already in memory and
 * handed to Netty as a {@link JdkSslContext}. Netty's {@code SslContextBuilder} costs a quarter of
 * the server's start-up CPU on a two-core node for nothing it needs: its server context's static
 * initialiser parses a bundled RSA test key through BouncyCastle and stores it in a PKCS#12 key
 * store to probe for a JDK feature, and the builder then stores the serving key in another PKCS#12
 * key store, each encrypted with PBKDF2 (thousands of HMAC rounds), only to read it back.
 */
final class TlsContexts {
  private TlsContexts() {}

  static SslContext server(ClusterSecurity security) throws SSLException {
    SSLContext context;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(
          new KeyManager[] {new ServingKey(security.serving(), security.serverCa().certificate())},
          clientCaTrust(security.clientCa().certificate()),
          null);
    } catch (GeneralSecurityException | IOException e) {
      throw new SSLException("cannot set up the API server's TLS: " + e.getMessage(), e);
    }
    return new JdkSslContext(
        context,
        false,
        Http2SecurityUtil.CIPHERS,
        SupportedCipherSuiteFilter.INSTANCE,
        new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_2,
            ApplicationProtocolNames.HTTP_1_1),
        ClientAuth.OPTIONAL,
        null,
        false);
  }

  /** Trusts client certificates issued by the client CA (and nothing else). */
  private static TrustManager[] clientCaTrust(X509Certificate clientCa)
      throws GeneralSecurityException, IOException {
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    trusted.setCertificateEntry("client-ca", clientCa);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    return factory.getTrustManagers();
  }

  /**
   * The one serving key and its chain (serving certificate, then the server CA), offered for
   * whichever key type the handshake asks for that matches the key's algorithm.
   */
  private static final class ServingKey extends X509ExtendedKeyManager {
    private static final String ALIAS = "serving";
    private final PrivateKey key;
    private final X509Certificate[] chain;

    ServingKey(IssuedCertificate serving, X509Certificate ca) {
      this.key = serving.keyPair().getPrivate();
      this.chain = new X509Certificate[] {serving.certificate(), ca};
    }

    private String aliasFor(String keyType) {
      // BouncyCastle names EC keys "ECDSA"; the JDK asks for "EC".
      String algorithm = key.getAlgorithm().equals("ECDSA") ? "EC" : key.getAlgorithm();
      return algorithm.equals(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return aliasFor(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return aliasFor(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return aliasFor(keyType) == null ? null : new String[] {ALIAS};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return ALIAS.equals(alias) ? key : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return null;
    }
  }
}
