package io.k3j.core.apiserver.http;

import io.k3j.core.apiserver.ApiRequest;
import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** Who is calling: the CN and O of a client certificate the client CA signed, as upstream. */
final class Authenticator {
  private Authenticator() {}

  /** The user a TLS session authenticated, kept on its connection (null user: none). */
  private record Known(SSLSession session, ApiRequest.User user) {}

  private static final AttributeKey<Known> KNOWN = AttributeKey.valueOf("k3j.authenticated");

  /**
   * The caller, or null when the connection carries no verified client certificate. The subject is
   * parsed once per TLS session, not on every request of a connection (or HTTP/2 stream).
   */
  static ApiRequest.User authenticate(Channel channel) {
    // An HTTP/2 stream's parent is its connection; an HTTP/1.1 connection's parent is the
    // listening socket, which has no TLS.
    Channel connection = channel instanceof Http2StreamChannel ? channel.parent() : channel;
    SslHandler ssl = connection.pipeline().get(SslHandler.class);
    if (ssl == null) {
      return null;
    }
    SSLSession session = ssl.engine().getSession();
    Known known = connection.attr(KNOWN).get();
    if (known != null && known.session() == session) {
      return known.user();
    }
    ApiRequest.User user = fromSession(session);
    connection.attr(KNOWN).set(new Known(session, user));
    return user;
  }

  private static ApiRequest.User fromSession(SSLSession session) {
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
        return null;
      }
      return fromSubject(((X509Certificate) chain[0]).getSubjectX500Principal().getName());
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  static ApiRequest.User fromSubject(String subject) {
    String user = null;
    List<String> groups = new ArrayList<>();
    try {
      for (Rdn rdn : new LdapName(subject).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          user = rdn.getValue().toString();
        } else if (rdn.getType().equalsIgnoreCase("O")) {
          groups.add(rdn.getValue().toString());
        }
      }
    } catch (InvalidNameException e) {
      return null;
    }
    if (user == null) {
      return null;
    }
    groups.add("system:authenticated");
    return new ApiRequest.User(user, List.copyOf(groups));
  }
}
