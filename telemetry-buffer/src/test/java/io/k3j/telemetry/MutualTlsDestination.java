package io.k3j.telemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.k3j.telemetry.testing.Otlp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLParameters;

/**
 * An OTLP/HTTP destination on loopback that requires a client certificate signed by the test CA; it
 * records the span names it received and the subject of each client certificate.
 */
final class MutualTlsDestination implements AutoCloseable {
  final List<String> spans = new CopyOnWriteArrayList<>();
  final List<String> clients = new CopyOnWriteArrayList<>();
  private final HttpsServer server;

  MutualTlsDestination(TestCertificates certificates) throws Exception {
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(certificates.serverContext()) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
            parameters.setNeedClientAuth(true);
            params.setSSLParameters(parameters);
          }
        });
    server.createContext(
        "/",
        exchange -> {
          X509Certificate peer =
              (X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0];
          clients.add(peer.getSubjectX500Principal().getName());
          spans.addAll(Otlp.spanNames(body(exchange)));
          exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
  }

  private static byte[] body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
      }
      return body;
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
