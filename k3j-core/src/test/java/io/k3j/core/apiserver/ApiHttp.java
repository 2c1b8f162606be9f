package io.k3j.core.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.security.PemFiles;
import io.k3j.core.server.K3jServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Raw HTTP requests to a test server with the JDK client, as the admin or with no certificate. */
public final class ApiHttp {
  private final K3jServer server;
  private final HttpClient client;

  private ApiHttp(K3jServer server, HttpClient client) {
    this.server = server;
    this.client = client;
  }

  /** With the admin's client certificate ({@code system:masters}). */
  public static ApiHttp admin(K3jServer server) throws Exception {
    return new ApiHttp(server, client(server, true));
  }

  /** Without a client certificate: bearer tokens, or nobody. */
  public static ApiHttp anonymous(K3jServer server) throws Exception {
    return new ApiHttp(server, client(server, false));
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + path));
  }

  /** A request with a body of the given content type. */
  public HttpRequest.Builder request(String method, String path, String contentType, String body) {
    return request(path)
        .header("Content-Type", contentType)
        .method(method, HttpRequest.BodyPublishers.ofString(body));
  }

  public HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  public static JsonNode json(HttpResponse<String> response) {
    return Json.tree(response.body().getBytes(StandardCharsets.UTF_8));
  }

  private static HttpClient client(K3jServer server, boolean adminCertificate) throws Exception {
    return HttpClient.newBuilder().sslContext(sslContext(server, adminCertificate)).build();
  }

  /** Trusts the server's CA; with the admin's client certificate when {@code adminCertificate}. */
  public static SSLContext sslContext(K3jServer server, boolean adminCertificate) throws Exception {
    Path tls = server.config().dataDir().resolve("server/tls");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", PemFiles.readCertificate(tls.resolve("server-ca.crt")));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "admin",
        PemFiles.readPrivateKey(tls.resolve("client-admin.key")),
        new char[0],
        new Certificate[] {PemFiles.readCertificate(tls.resolve("client-admin.crt"))});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(adminCertificate ? kmf.getKeyManagers() : null, tmf.getTrustManagers(), null);
    return context;
  }
}
