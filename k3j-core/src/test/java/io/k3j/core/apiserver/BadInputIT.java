package io.k3j.core.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gets a 4xx Status and changes nothing: invalid apply YAML, patches that do not apply,
 * RBAC bindings to missing roles, tokens of deleted ServiceAccounts, duplicate fields.
 */
class BadInputIT {
  private static final String CM = "/api/v1/namespaces/bad/configmaps";

  @TempDir static Path dir;
  private static K3jServer server;
  private static Kubectl admin;
  private static Kubectl tokenless;
  private static ApiHttp http;
  private static ApiHttp anonymous;

  @BeforeAll
  static void start() throws Exception {
    server = K3jServer.start(ServerConfig.forTests(dir.resolve("data")));
    admin = new Kubectl(server.kubeconfig(), dir.resolve("cache-admin"));
    Path kubeconfig = dir.resolve("token-kubeconfig");
    String ca =
        Base64.getEncoder()
            .encodeToString(
                Files.readAllBytes(server.config().dataDir().resolve("server/tls/server-ca.crt")));
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - cluster: {certificate-authority-data: %s, server: 'https://127.0.0.1:%d'}
          name: k3j
        contexts:
        - context: {cluster: k3j, user: nobody}
          name: k3j
        current-context: k3j
        users:
        - name: nobody
          user: {}
        """
            .formatted(ca, server.port()));
    tokenless = new Kubectl(kubeconfig, dir.resolve("cache-token"));
    http = ApiHttp.admin(server);
    anonymous = ApiHttp.anonymous(server);
    apply(
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: bad}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cfg, namespace: bad}
        data: {a: '1'}
        """);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void apply(String yaml) throws Exception {
    Path file = Files.createTempFile(dir, "manifest", ".yaml");
    Files.writeString(file, yaml);
    admin.ok("apply", "-f", file.toString());
  }

  private static String version() throws Exception {
    return admin.ok("get", "cm", "cfg", "-n", "bad", "-o", "jsonpath={.metadata.resourceVersion}");
  }

  private static void assertStatus(HttpResponse<String> response, int code, String reason) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(code);
    JsonNode status = ApiHttp.json(response);
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("reason").asText()).isEqualTo(reason);
    assertThat(status.path("code").asInt()).isEqualTo(code);
  }

  @Test
  @DisplayName("server-side apply of invalid YAML, or YAML that is no object, is a 400")
  void invalidApplyYaml() throws Exception {
    String before = version();
    String path = CM + "/cfg?fieldManager=tester";
    assertStatus(
        http.send(
            http.request(
                "PATCH",
                path,
                "application/apply-patch+yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg\ndata: [")),
        400,
        "BadRequest");
    assertStatus(
        http.send(http.request("PATCH", path, "application/apply-patch+yaml", "- a\n- b\n")),
        400,
        "BadRequest");
    assertThat(version()).isEqualTo(before);
  }

  @Test
  @DisplayName("patches that do not apply are refused and leave the object as it was")
  void patchesThatDoNotApply() throws Exception {
    String before = version();
    Kubectl.Result remove =
        admin.run(
            "patch",
            "cm",
            "cfg",
            "-n",
            "bad",
            "--type=json",
            "-p",
            "[{\"op\":\"remove\",\"path\":\"/data/missing\"}]");
    assertThat(remove.exitCode()).isNotZero();
    assertThat(remove.output()).contains("Error from server");
    HttpResponse<String> test =
        http.send(
            http.request(
                "PATCH",
                CM + "/cfg",
                "application/json-patch+json",
                "[{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"2\"},"
                    + "{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"3\"}]"));
    assertThat(test.statusCode()).isBetween(400, 499);
    assertThat(ApiHttp.json(test).path("kind").asText()).isEqualTo("Status");
    assertStatus(
        http.send(http.request("PATCH", CM + "/cfg", "application/merge-patch+json", "{not json")),
        400,
        "BadRequest");
    assertStatus(
        http.send(
            http.request(
                "PATCH", CM + "/cfg", "application/merge-patch+json", "{\"metadata\":\"x\"}")),
        400,
        "BadRequest");
    assertThat(version()).isEqualTo(before);
    assertThat(admin.ok("get", "cm", "cfg", "-n", "bad", "-o", "jsonpath={.data.a}"))
        .isEqualTo("1");
  }

  @Test
  @DisplayName(
      "a binding to a missing role: allowed for system:masters (grants nothing), 404 for a user"
          + " without bind; 403 for a role with rules the user does not hold")
  void bindingsToMissingRoles() throws Exception {
    apply(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: ghost, namespace: bad}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: missing}
        subjects: [{kind: User, name: dave}]
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: binder, namespace: bad}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: binder, namespace: bad}
        rules:
        - {apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [create, get]}
        - {apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [get, patch]}
        - {apiGroups: [""], resources: [configmaps], verbs: [get, list]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: binder, namespace: bad}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: binder}
        subjects: [{kind: ServiceAccount, name: binder, namespace: bad}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: secret-reader, namespace: bad}
        rules:
        - {apiGroups: [""], resources: [secrets], verbs: [get]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: cm-reader, namespace: bad}
        rules:
        - {apiGroups: [""], resources: [configmaps], verbs: [get]}
        """);
    assertThat(admin.run("--as=dave", "auth", "can-i", "get", "configmaps", "-n", "bad").output())
        .isEqualTo("no");
    String token = admin.ok("create", "token", "binder", "-n", "bad");

    Kubectl.Result missing =
        tokenless.run(
            "--token",
            token,
            "create",
            "rolebinding",
            "m",
            "--role=missing",
            "--user=eve",
            "-n",
            "bad");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.output())
        .contains(
            "failed to create rolebinding: roles.rbac.authorization.k8s.io \"missing\" not found");
    Kubectl.Result escalate =
        tokenless.run(
            "--token",
            token,
            "create",
            "rolebinding",
            "s",
            "--role=secret-reader",
            "--user=eve",
            "-n",
            "bad");
    assertThat(escalate.output())
        .contains(
            "rolebindings.rbac.authorization.k8s.io \"s\" is forbidden: user"
                + " \"system:serviceaccount:bad:binder\"")
        .contains("is attempting to grant RBAC permissions not currently held")
        .contains("{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\"]}");
    assertThat(admin.run("get", "rolebinding", "m", "s", "-n", "bad").output())
        .contains("\"m\" not found")
        .contains("\"s\" not found");
    assertThat(
            tokenless.ok(
                "--token",
                token,
                "create",
                "rolebinding",
                "c",
                "--role=cm-reader",
                "--user=eve",
                "-n",
                "bad"))
        .contains("rolebinding.rbac.authorization.k8s.io/c created");
    Kubectl.Result widen =
        tokenless.run(
            "--token",
            token,
            "patch",
            "role",
            "cm-reader",
            "-n",
            "bad",
            "--type=json",
            "-p",
            "[{\"op\":\"add\",\"path\":\"/rules/-\",\"value\":{\"apiGroups\":[\"\"],"
                + "\"resources\":[\"secrets\"],\"verbs\":[\"list\"]}}]");
    assertThat(widen.exitCode()).isNotZero();
    assertThat(widen.output())
        .contains("roles.rbac.authorization.k8s.io \"cm-reader\" is forbidden")
        .contains("{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"list\"]}");
    assertThat(
            admin.ok(
                "get", "role", "cm-reader", "-n", "bad", "-o", "jsonpath={.rules[*].resources}"))
        .isEqualTo("[\"configmaps\"]");
  }

  @Test
  @DisplayName(
      "a deleted ServiceAccount's token: 401 on requests, unauthenticated in a TokenReview")
  void deletedServiceAccountTokens() throws Exception {
    admin.ok("create", "serviceaccount", "temp", "-n", "bad");
    String token = admin.ok("create", "token", "temp", "-n", "bad");
    admin.ok("delete", "serviceaccount", "temp", "-n", "bad");
    assertStatus(
        anonymous.send(anonymous.request(CM).header("Authorization", "Bearer " + token)),
        401,
        "Unauthorized");
    HttpResponse<String> review =
        http.send(
            http.request(
                "POST",
                "/apis/authentication.k8s.io/v1/tokenreviews",
                "application/json",
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\","
                    + "\"spec\":{\"token\":\""
                    + token
                    + "\"}}"));
    assertThat(review.statusCode()).isEqualTo(201);
    assertThat(ApiHttp.json(review).path("status").path("authenticated").asBoolean()).isFalse();
    assertThat(ApiHttp.json(review).path("status").path("error").asText()).isNotEmpty();
    assertStatus(
        http.send(
            http.request(
                "POST",
                "/api/v1/namespaces/bad/serviceaccounts/temp/token",
                "application/json",
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\","
                    + "\"spec\":{}}")),
        404,
        "NotFound");
  }

  @Test
  @DisplayName("duplicate fields: Strict is a 400 naming them and stores nothing, Warn warns")
  void duplicateFields() throws Exception {
    String json =
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"dup\"},"
            + "\"data\":{\"a\":\"1\",\"a\":\"2\"}}";
    HttpResponse<String> strict =
        http.send(http.request("POST", CM + "?fieldValidation=Strict", "application/json", json));
    assertStatus(strict, 400, "BadRequest");
    assertThat(ApiHttp.json(strict).path("message").asText())
        .isEqualTo(
            "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error:"
                + " duplicate field \"data.a\"");
    String yaml =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dup\ndata:\n  a: '1'\n  a: '2'\n";
    HttpResponse<String> strictYaml =
        http.send(http.request("POST", CM + "?fieldValidation=Strict", "application/yaml", yaml));
    assertStatus(strictYaml, 400, "BadRequest");
    assertThat(ApiHttp.json(strictYaml).path("message").asText())
        .contains("line 7: key \"a\" already set in map");
    assertThat(admin.run("get", "cm", "dup", "-n", "bad").output()).contains("not found");

    HttpResponse<String> warned = http.send(http.request("POST", CM, "application/json", json));
    assertThat(warned.statusCode()).isEqualTo(201);
    assertThat(warned.headers().firstValue("Warning"))
        .hasValue("299 - \"duplicate field \\\"data.a\\\"\"");
    assertThat(ApiHttp.json(warned).path("data").path("a").asText()).isEqualTo("2");
  }
}
