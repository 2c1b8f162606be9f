package io.k3j.core.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.security.PemFiles;
import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over HTTP/2 with the JDK client: authentication, errors, watch streams. */
class ApiClientIT {
  @TempDir static Path dir;
  private static K3jServer server;
  private static HttpClient admin;
  private static HttpClient anonymous;

  @BeforeAll
  static void start() throws Exception {
    server = K3jServer.start(ServerConfig.forTests(dir));
    Path tls = dir.resolve("server/tls");
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
    SSLContext withCert = SSLContext.getInstance("TLS");
    withCert.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    SSLContext withoutCert = SSLContext.getInstance("TLS");
    withoutCert.init(null, tmf.getTrustManagers(), null);
    admin =
        HttpClient.newBuilder().sslContext(withCert).connectTimeout(Duration.ofSeconds(10)).build();
    anonymous = HttpClient.newBuilder().sslContext(withoutCert).build();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static URI uri(String path) {
    return URI.create("https://localhost:" + server.port() + path);
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request)
      throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder post(String path, String body) {
    return HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  @Test
  @DisplayName("version and health answer anyone over HTTP/2; the API wants a client certificate")
  void authentication() throws Exception {
    HttpResponse<String> version = send(anonymous, HttpRequest.newBuilder(uri("/version")));
    assertThat(version.statusCode()).isEqualTo(200);
    assertThat(version.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(send(anonymous, HttpRequest.newBuilder(uri("/readyz"))).body()).isEqualTo("ok");

    HttpResponse<String> denied =
        send(anonymous, HttpRequest.newBuilder(uri("/api/v1/namespaces")));
    assertThat(denied.statusCode()).isEqualTo(401);
    assertThat(Json.tree(denied.body().getBytes(StandardCharsets.UTF_8)).path("kind").asText())
        .isEqualTo("Status");
    assertThat(send(admin, HttpRequest.newBuilder(uri("/api/v1/namespaces"))).statusCode())
        .isEqualTo(200);
  }

  @Test
  @DisplayName("malformed, mistyped, oversized and misplaced bodies get a Status and store nothing")
  void badInput() throws Exception {
    String path = "/api/v1/namespaces/default/configmaps";
    assertStatus(send(admin, post(path, "{not json")), 400, "BadRequest");
    assertStatus(send(admin, post(path, "[1,2]")), 400, "BadRequest");
    assertStatus(
        send(
            admin,
            post(
                path, "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"a\"}}")),
        400,
        "BadRequest");
    assertStatus(send(admin, post(path, "{\"metadata\":{\"name\":\"UPPER\"}}")), 422, "Invalid");
    String huge =
        "{\"metadata\":{\"name\":\"big\"},\"data\":{\"x\":\""
            + "a".repeat(4 * 1024 * 1024)
            + "\"}}";
    assertStatus(send(admin, post(path, huge)), 413, "RequestEntityTooLarge");
    assertStatus(send(admin, HttpRequest.newBuilder(uri("/api/v1/frobs"))), 404, "NotFound");
    assertStatus(
        send(
            admin,
            post(path, "metadata: [unclosed\n").setHeader("Content-Type", "application/yaml")),
        400,
        "BadRequest");
    assertStatus(
        send(admin, post(path, "- a\n- b\n").setHeader("Content-Type", "application/yaml")),
        400,
        "BadRequest");
    assertStatus(
        send(admin, post(path, "{\"metadata\":{\"name\":\"" + "n".repeat(254) + "\"}}")),
        422,
        "Invalid");
    assertStatus(
        send(
            admin,
            post(path, "{}").setHeader("Content-Type", "application/vnd.kubernetes.protobuf")),
        400,
        "BadRequest");
    assertStatus(
        send(admin, post(path, "{}").setHeader("Content-Type", "application/cbor")),
        415,
        "UnsupportedMediaType");
    JsonNode list =
        Json.tree(
            send(admin, HttpRequest.newBuilder(uri(path))).body().getBytes(StandardCharsets.UTF_8));
    assertThat(list.path("items").findValuesAsText("name")).doesNotContain("a", "big", "UPPER");
  }

  @Test
  @DisplayName("an update with a stale resourceVersion gets 409 Conflict")
  void staleUpdate() throws Exception {
    String path = "/api/v1/namespaces/default/configmaps";
    JsonNode created =
        Json.tree(
            send(admin, post(path, "{\"metadata\":{\"name\":\"cas\"},\"data\":{\"v\":\"1\"}}"))
                .body()
                .getBytes(StandardCharsets.UTF_8));
    String rv = created.path("metadata").path("resourceVersion").asText();
    String update =
        "{\"metadata\":{\"name\":\"cas\",\"resourceVersion\":\""
            + rv
            + "\"},\"data\":{\"v\":\"2\"}}";
    HttpRequest.Builder put =
        HttpRequest.newBuilder(uri(path + "/cas"))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(update));

    assertThat(send(admin, put).statusCode()).isEqualTo(200);
    assertStatus(send(admin, put), 409, "Conflict");
    HttpRequest.Builder stalePatch =
        HttpRequest.newBuilder(uri(path + "/cas"))
            .header("Content-Type", "application/merge-patch+json")
            .method(
                "PATCH",
                HttpRequest.BodyPublishers.ofString(
                    "{\"metadata\":{\"resourceVersion\":\"" + rv + "\"},\"data\":{\"v\":\"3\"}}"));
    assertStatus(send(admin, stalePatch), 409, "Conflict");
  }

  @Test
  @DisplayName(
      "concurrent merge patches without a resourceVersion all succeed, none lost, as with"
          + " kube-apiserver")
  void concurrentPatchesWithoutResourceVersion() throws Exception {
    String path = "/api/v1/namespaces/default/configmaps";
    send(admin, post(path, "{\"metadata\":{\"name\":\"many\"},\"data\":{}}"));
    int writers = 8;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(writers);
    try {
      java.util.List<java.util.concurrent.Future<Integer>> codes = new java.util.ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String key = "k" + i;
        codes.add(
            pool.submit(
                () ->
                    send(
                            admin,
                            HttpRequest.newBuilder(uri(path + "/many"))
                                .header("Content-Type", "application/merge-patch+json")
                                .method(
                                    "PATCH",
                                    HttpRequest.BodyPublishers.ofString(
                                        "{\"data\":{\"" + key + "\":\"x\"}}")))
                        .statusCode()));
      }
      for (java.util.concurrent.Future<Integer> code : codes) {
        assertThat(code.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    JsonNode many =
        Json.tree(
            send(admin, HttpRequest.newBuilder(uri(path + "/many")))
                .body()
                .getBytes(StandardCharsets.UTF_8));
    assertThat(many.path("data").size()).isEqualTo(writers);
  }

  @Test
  @DisplayName(
      "a watch from a resourceVersion streams every later change; a compacted one gets ERROR 410")
  void watch() throws Exception {
    String path = "/api/v1/namespaces/default/configmaps";
    String rv = Long.toString(server.datastore().currentRevision());
    HttpResponse<Stream<String>> stream =
        admin.send(
            HttpRequest.newBuilder(
                    uri(path + "?watch=true&resourceVersion=" + rv + "&labelSelector=app%3Dw"))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    assertThat(stream.statusCode()).isEqualTo(200);
    send(admin, post(path, "{\"metadata\":{\"name\":\"w1\",\"labels\":{\"app\":\"w\"}}}"));
    send(admin, post(path, "{\"metadata\":{\"name\":\"other\"}}"));
    send(admin, HttpRequest.newBuilder(uri(path + "/w1")).DELETE());
    Iterator<String> lines = stream.body().iterator();
    assertThat(Json.tree(lines.next().getBytes(StandardCharsets.UTF_8)).path("type").asText())
        .isEqualTo("ADDED");
    JsonNode deleted = Json.tree(lines.next().getBytes(StandardCharsets.UTF_8));
    assertThat(deleted.path("type").asText()).isEqualTo("DELETED");
    assertThat(deleted.path("object").path("metadata").path("name").asText()).isEqualTo("w1");
    stream.body().close();

    server.datastore().compact(server.datastore().currentRevision()).join();
    HttpResponse<Stream<String>> gone =
        admin.send(
            HttpRequest.newBuilder(uri(path + "?watch=true&resourceVersion=1")).build(),
            HttpResponse.BodyHandlers.ofLines());
    JsonNode error = Json.tree(gone.body().iterator().next().getBytes(StandardCharsets.UTF_8));
    assertThat(error.path("type").asText()).isEqualTo("ERROR");
    assertThat(error.path("object").path("code").asInt()).isEqualTo(410);
    gone.body().close();
  }

  @Test
  @DisplayName(
      "aggregated discovery is negotiated by Accept, echoed in Content-Type, and revalidated by ETag")
  void aggregatedDiscovery() throws Exception {
    String accept =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
    HttpResponse<String> apis =
        send(admin, HttpRequest.newBuilder(uri("/apis")).header("Accept", accept));
    assertThat(apis.headers().firstValue("Content-Type"))
        .hasValue("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    JsonNode list = Json.tree(apis.body().getBytes(StandardCharsets.UTF_8));
    assertThat(list.path("kind").asText()).isEqualTo("APIGroupDiscoveryList");
    JsonNode apps = null;
    for (JsonNode item : list.path("items")) {
      if (item.path("metadata").path("name").asText().equals("apps")) {
        apps = item;
      }
    }
    assertThat(apps).isNotNull();
    assertThat(apps.toString()).contains("\"resource\":\"deployments\"", "\"scale\"");
    String etag = apis.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again =
        send(
            admin,
            HttpRequest.newBuilder(uri("/apis"))
                .header("Accept", accept)
                .header("If-None-Match", etag));
    assertThat(again.statusCode()).isEqualTo(304);
    HttpResponse<String> legacy = send(admin, HttpRequest.newBuilder(uri("/apis")));
    assertThat(Json.tree(legacy.body().getBytes(StandardCharsets.UTF_8)).path("kind").asText())
        .isEqualTo("APIGroupList");
  }

  @Test
  @DisplayName("a streaming list sends the current objects, then a bookmark marking their end")
  void streamingList() throws Exception {
    String path = "/api/v1/namespaces/default/configmaps";
    send(admin, post(path, "{\"metadata\":{\"name\":\"streamed\",\"labels\":{\"s\":\"l\"}}}"));
    assertStatus(
        send(admin, HttpRequest.newBuilder(uri(path + "?watch=true&sendInitialEvents=true"))),
        422,
        "Invalid");
    HttpResponse<Stream<String>> stream =
        admin.send(
            HttpRequest.newBuilder(
                    uri(
                        path
                            + "?watch=true&sendInitialEvents=true&allowWatchBookmarks=true"
                            + "&resourceVersionMatch=NotOlderThan&labelSelector=s%3Dl"))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    Iterator<String> lines = stream.body().iterator();
    JsonNode added = Json.tree(lines.next().getBytes(StandardCharsets.UTF_8));
    assertThat(added.path("type").asText()).isEqualTo("ADDED");
    JsonNode bookmark = Json.tree(lines.next().getBytes(StandardCharsets.UTF_8));
    assertThat(bookmark.path("type").asText()).isEqualTo("BOOKMARK");
    assertThat(
            bookmark
                .path("object")
                .path("metadata")
                .path("annotations")
                .path("k8s.io/initial-events-end")
                .asText())
        .isEqualTo("true");
    stream.body().close();
  }

  private static void assertStatus(HttpResponse<String> response, int code, String reason) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(code);
    JsonNode status = Json.tree(response.body().getBytes(StandardCharsets.UTF_8));
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("reason").asText()).isEqualTo(reason);
    assertThat(status.path("code").asInt()).isEqualTo(code);
  }
}
