package io.k3j.core.apiserver.http;

import io.k3j.core.security.ClusterSecurity;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import javax.net.ssl.SSLException;

/** The API server's TLS: the serving certificate, client certificates of the client CA, ALPN. */
final class TlsContexts {
  private TlsContexts() {}

  static SslContext server(ClusterSecurity security) throws SSLException {
    return SslContextBuilder.forServer(
            security.serving().keyPair().getPrivate(),
            security.serving().certificate(),
            security.serverCa().certificate())
        .sslProvider(SslProvider.JDK)
        .trustManager(security.clientCa().certificate())
        .clientAuth(ClientAuth.OPTIONAL)
        .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
        .applicationProtocolConfig(
            new ApplicationProtocolConfig(
                ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                ApplicationProtocolNames.HTTP_2,
                ApplicationProtocolNames.HTTP_1_1))
        .build();
  }
}
