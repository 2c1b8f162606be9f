package io.k3j.core.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.gc.DeleteOptions;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.resources.ObjectStore;
import io.k3j.core.datastore.Backend;
import io.k3j.core.datastore.Datastores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issuing and verifying ServiceAccount tokens over a real SQLite datastore. */
class ServiceAccountTokensTest {
  @TempDir Path dir;
  private Backend backend;
  private ObjectStore store;
  private final MovableClock clock = new MovableClock();
  private ServiceAccountTokens tokens;

  /** A clock tests move forward. */
  static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeEach
  void open() throws Exception {
    backend = Datastores.open("sqlite://" + dir.resolve("state.db"), new SimpleMeterRegistry());
    store = new ObjectStore(backend, clock);
    store.create(
        ServiceAccountTokens.coreType("namespaces"), null, json("{'metadata':{'name':'ns'}}"));
    createAccount();
    tokens =
        new ServiceAccountTokens(store, ServiceAccountKey.loadOrCreate(dir.resolve("tls")), clock);
  }

  @AfterEach
  void close() {
    backend.close();
  }

  private static ObjectNode json(String text) {
    return Json.object(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private void createAccount() {
    store.create(
        ServiceAccountTokens.coreType("serviceaccounts"),
        "ns",
        json("{'metadata':{'name':'robot'}}"));
  }

  private String token(String spec) {
    return tokens
        .request("ns", "robot", json("{'spec':" + spec + "}"))
        .path("status")
        .path("token")
        .asText();
  }

  private static JsonNode claims(String token) {
    return Json.tree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
  }

  @Test
  @DisplayName("the signing key is created once with mode 0600 and reused")
  void signingKey() throws Exception {
    Path file = dir.resolve("tls/service.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String before = Files.readString(file);
    ServiceAccountKey again = ServiceAccountKey.loadOrCreate(dir.resolve("tls"));
    assertThat(Files.readString(file)).isEqualTo(before);
    String token = token("{}");
    assertThat(new ServiceAccountTokens(store, again, clock).verify(token, List.of()).name())
        .isEqualTo("system:serviceaccount:ns:robot");
  }

  @Test
  @DisplayName("a token carries upstream's claims and names the ServiceAccount user and groups")
  void claimsAndUser() {
    ObjectNode reply = tokens.request("ns", "robot", json("{'spec':{'expirationSeconds':1200}}"));
    assertThat(reply.path("kind").asText()).isEqualTo("TokenRequest");
    assertThat(reply.path("status").path("expirationTimestamp").asText())
        .isEqualTo("2026-01-01T00:20:00Z");
    JsonNode claims = claims(reply.path("status").path("token").asText());
    assertThat(claims.path("iss").asText()).isEqualTo(ServiceAccountTokens.ISSUER);
    assertThat(claims.path("sub").asText()).isEqualTo("system:serviceaccount:ns:robot");
    assertThat(claims.path("aud").toString())
        .isEqualTo("[\"https://kubernetes.default.svc.cluster.local\",\"k3s\"]");
    assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(1200);
    assertThat(claims.path("nbf").asLong()).isEqualTo(claims.path("iat").asLong());
    assertThat(claims.path("kubernetes.io").path("serviceaccount").path("uid").asText())
        .isNotEmpty();

    TokenUser user = tokens.verify(reply.path("status").path("token").asText(), List.of());
    assertThat(user.groups())
        .containsExactly(
            "system:serviceaccounts", "system:serviceaccounts:ns", "system:authenticated");
    assertThat(user.uid())
        .isEqualTo(claims.path("kubernetes.io").path("serviceaccount").path("uid").asText());
  }

  @Test
  @DisplayName("expired, tampered, foreign-audience and deleted-account tokens are refused")
  void refused() {
    String token = token("{'audiences':['vault']}");
    assertThatThrownBy(() -> tokens.verify(token, List.of()))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining("invalid for the target audiences");
    assertThat(tokens.verify(token, List.of("vault")).audiences()).containsExactly("vault");

    String api = token("{}");
    String[] parts = api.split("\\.");
    String forged =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    claims(api)
                        .toString()
                        .replace("robot", "admin")
                        .getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];
    assertThatThrownBy(() -> tokens.verify(forged, List.of()))
        .hasMessage("token signature is invalid");
    assertThatThrownBy(() -> tokens.verify("not-a-token", List.of()))
        .isInstanceOf(InvalidTokenException.class);

    clock.now = clock.now.plusSeconds(3600);
    assertThatThrownBy(() -> tokens.verify(api, List.of()))
        .hasMessage("service account token has expired");
    clock.now = clock.now.minusSeconds(3600);

    store.delete(
        ServiceAccountTokens.coreType("serviceaccounts"), "ns", "robot", DeleteOptions.defaults());
    assertThatThrownBy(() -> tokens.verify(api, List.of()))
        .hasMessage("serviceaccounts \"robot\" not found");
    createAccount();
    assertThatThrownBy(() -> tokens.verify(api, List.of())).hasMessageContaining("has uid");
  }

  @Test
  @DisplayName(
      "a token bound to a Secret dies with it; binding checks kind, uid and the pod's account")
  void boundObjects() {
    ObjectNode secret =
        store.create(
            ServiceAccountTokens.coreType("secrets"), "ns", json("{'metadata':{'name':'s'}}"));
    String token =
        token(
            "{'boundObjectRef':{'kind':'Secret','apiVersion':'v1','name':'s','uid':'"
                + secret.path("metadata").path("uid").asText()
                + "'}}");
    assertThat(claims(token).path("kubernetes.io").path("secret").path("name").asText())
        .isEqualTo("s");
    assertThat(tokens.verify(token, List.of()).name()).isEqualTo("system:serviceaccount:ns:robot");
    store.delete(ServiceAccountTokens.coreType("secrets"), "ns", "s", DeleteOptions.defaults());
    assertThatThrownBy(() -> tokens.verify(token, List.of())).hasMessage("secrets \"s\" not found");

    store.create(
        ServiceAccountTokens.coreType("pods"),
        "ns",
        json(
            "{'metadata':{'name':'p'},'spec':{'serviceAccountName':'other','containers':[{'name':'c','image':'i'}]}}"));
    assertThatThrownBy(
            () -> token("{'boundObjectRef':{'kind':'Pod','apiVersion':'v1','name':'p'}}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400))
        .hasMessageContaining("pod running with different serviceaccount name");
    assertThatThrownBy(
            () -> token("{'boundObjectRef':{'kind':'Secret','apiVersion':'v1','name':'gone'}}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(404));
    assertThatThrownBy(
            () -> token("{'boundObjectRef':{'kind':'Node','apiVersion':'v1','name':'n'}}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
  }

  @Test
  @DisplayName("expirationSeconds under ten minutes is a 422 Invalid")
  void tooShort() {
    assertThatThrownBy(() -> token("{'expirationSeconds':60}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(422))
        .hasMessageContaining(
            "spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes");
  }
}
