package io.k3j.core.apiserver.auth.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiHttp;
import io.k3j.core.apiserver.Kubectl;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Impersonation ({@code kubectl --as --as-group}) and LocalSubjectAccessReview: the admin may act
 * as anyone; a ServiceAccount may impersonate only the users its ClusterRole names.
 */
class ImpersonationIT {
  private static final String ROBOT = "system:serviceaccount:team:robot";
  @TempDir static Path dir;
  private static K3jServer server;
  private static Kubectl admin;
  private static Kubectl anonymous;
  private static String token;
  private static ApiHttp http;
  private static ApiHttp tokenHttp;

  @BeforeAll
  static void start() throws Exception {
    server = K3jServer.start(ServerConfig.forTests(dir.resolve("data")));
    admin = new Kubectl(server.kubeconfig(), dir.resolve("cache-admin"));
    Path tokenKubeconfig = dir.resolve("token-kubeconfig");
    String ca =
        Base64.getEncoder()
            .encodeToString(
                Files.readAllBytes(server.config().dataDir().resolve("server/tls/server-ca.crt")));
    Files.writeString(
        tokenKubeconfig,
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- cluster: {certificate-authority-data: "
                + ca
                + ", server: 'https://127.0.0.1:"
                + server.port()
                + "'}",
            "  name: k3j",
            "contexts:",
            "- context: {cluster: k3j, user: nobody}",
            "  name: k3j",
            "current-context: k3j",
            "users:",
            "- name: nobody",
            "  user: {}",
            ""));
    anonymous = new Kubectl(tokenKubeconfig, dir.resolve("cache-token"));
    Path manifest = dir.resolve("rbac.yaml");
    Files.writeString(
        manifest,
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: team}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: robot, namespace: team}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: reader, namespace: team}
        rules:
        - {apiGroups: [""], resources: [configmaps], verbs: [get, list]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: alice-reads, namespace: team}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
        subjects: [{kind: User, name: alice}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: secret-lister, namespace: team}
        rules:
        - {apiGroups: [""], resources: [secrets], verbs: [list]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: developers-list-secrets, namespace: team}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secret-lister}
        subjects: [{kind: Group, name: developers}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: impersonate-alice}
        rules:
        - {apiGroups: [""], resources: [users], verbs: [impersonate], resourceNames: [alice]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: robot-impersonates-alice}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: impersonate-alice}
        subjects: [{kind: ServiceAccount, name: robot, namespace: team}]
        """);
    admin.ok("apply", "-f", manifest.toString());
    token = admin.ok("create", "token", "robot", "-n", "team", "--duration=1h");
    http = ApiHttp.admin(server);
    tokenHttp = ApiHttp.anonymous(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName("kubectl --as and --as-group: the request is decided as the impersonated user")
  void adminImpersonates() throws Exception {
    assertThat(admin.ok("--as=alice", "auth", "can-i", "get", "configmaps", "-n", "team"))
        .isEqualTo("yes");
    Kubectl.Result delete =
        admin.run("--as=alice", "auth", "can-i", "delete", "configmaps", "-n", "team");
    assertThat(delete.exitCode()).isEqualTo(1);
    assertThat(delete.output()).isEqualTo("no");
    assertThat(admin.run("--as=bob", "auth", "can-i", "list", "secrets", "-n", "team").output())
        .isEqualTo("no");
    assertThat(
            admin.ok(
                "--as=bob",
                "--as-group=developers",
                "auth",
                "can-i",
                "list",
                "secrets",
                "-n",
                "team"))
        .isEqualTo("yes");
    Kubectl.Result forbidden = admin.run("--as=alice", "get", "secrets", "-n", "team");
    assertThat(forbidden.output())
        .contains(
            "secrets is forbidden: User \"alice\" cannot list resource \"secrets\" in API group \"\""
                + " in the namespace \"team\"");
  }

  @Test
  @DisplayName("a ServiceAccount impersonates the user its role names, and gets 403 for others")
  void serviceAccountImpersonation() throws Exception {
    assertThat(
            anonymous.ok(
                "--token", token, "--as=alice", "get", "configmaps", "-n", "team", "-o", "name"))
        .isEmpty();
    Kubectl.Result denied =
        anonymous.run("--token", token, "--as=mallory", "get", "configmaps", "-n", "team");
    assertThat(denied.exitCode()).isNotZero();
    assertThat(denied.output())
        .contains(
            "users \"mallory\" is forbidden: User \""
                + ROBOT
                + "\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope");
    Kubectl.Result group =
        anonymous.run(
            "--token", token, "--as=alice", "--as-group=developers", "get", "cm", "-n", "team");
    assertThat(group.output())
        .contains(
            "groups \"developers\" is forbidden: User \""
                + ROBOT
                + "\" cannot impersonate resource \"groups\" in API group \"\" at the cluster scope");
  }

  @Test
  @DisplayName(
      "impersonating a ServiceAccount gives it its groups; extras and uids need permission too")
  void serviceAccountsAndExtras() throws Exception {
    assertThat(admin.ok("--as=" + ROBOT, "auth", "can-i", "impersonate", "users/alice"))
        .isEqualTo("yes");
    HttpResponse<String> extra =
        http.send(
            request("/api/v1/namespaces/team/configmaps")
                .header("Impersonate-User", ROBOT)
                .header("Impersonate-Extra-Scopes", "view"));
    assertThat(extra.statusCode()).isEqualTo(403);
    assertThat(extra.body())
        .contains("User \\\"" + ROBOT + "\\\" cannot list resource \\\"configmaps\\\"");
    HttpResponse<String> robotExtra =
        tokenHttp.send(
            request("/api/v1/namespaces/team/configmaps")
                .header("Authorization", "Bearer " + token)
                .header("Impersonate-User", "alice")
                .header("Impersonate-Extra-Scopes", "view"));
    assertThat(robotExtra.statusCode()).isEqualTo(403);
    assertThat(robotExtra.body())
        .contains(
            "userextras.authentication.k8s.io \\\"view\\\" is forbidden: User \\\""
                + ROBOT
                + "\\\" cannot impersonate resource \\\"userextras/scopes\\\" in API group"
                + " \\\"authentication.k8s.io\\\" at the cluster scope");
    HttpResponse<String> chained =
        http.send(
            request("/api/v1/namespaces/team/configmaps")
                .header("Impersonate-User", "alice")
                .header("Impersonate-Uid", "1234"));
    assertThat(chained.statusCode()).isEqualTo(200);
    HttpResponse<String> groupOnly =
        http.send(request("/api/v1/namespaces").header("Impersonate-Group", "developers"));
    assertThat(groupOnly.statusCode()).isEqualTo(400);
    JsonNode status = Json.tree(groupOnly.body().getBytes(StandardCharsets.UTF_8));
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("message").asText())
        .isEqualTo("requested group \"developers\" without impersonating a user");
  }

  @Test
  @DisplayName("LocalSubjectAccessReview answers for its namespace and refuses another one")
  void localSubjectAccessReview() throws Exception {
    String path = "/apis/authorization.k8s.io/v1/namespaces/team/localsubjectaccessreviews";
    HttpResponse<String> allowed = http.send(post(path, review("alice", "team", "get")));
    assertThat(allowed.statusCode()).isEqualTo(201);
    JsonNode answer = Json.tree(allowed.body().getBytes(StandardCharsets.UTF_8));
    assertThat(answer.path("status").path("allowed").asBoolean()).isTrue();
    assertThat(answer.path("status").path("reason").asText())
        .isEqualTo(
            "RBAC: allowed by RoleBinding \"alice-reads/team\" of Role \"reader\" to User \"alice\"");
    assertThat(answer.path("metadata").path("namespace").asText()).isEqualTo("team");
    JsonNode denied =
        Json.tree(
            http.send(post(path, review("alice", "team", "delete")))
                .body()
                .getBytes(StandardCharsets.UTF_8));
    assertThat(denied.path("status").path("allowed").asBoolean()).isFalse();
    HttpResponse<String> elsewhere = http.send(post(path, review("alice", "default", "get")));
    assertThat(elsewhere.statusCode()).isEqualTo(422);
    assertThat(elsewhere.body())
        .contains(
            "spec.resourceAttributes.namespace: Invalid value: \\\"default\\\": must match"
                + " metadata.namespace");
    assertThat(admin.ok("api-resources", "--api-group=authorization.k8s.io", "--namespaced=true"))
        .contains("localsubjectaccessreviews");
  }

  private static String review(String user, String namespace, String verb) {
    return "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"LocalSubjectAccessReview\","
        + "\"spec\":{\"user\":\""
        + user
        + "\",\"resourceAttributes\":{\"namespace\":\""
        + namespace
        + "\",\"verb\":\""
        + verb
        + "\",\"resource\":\"configmaps\"}}}";
  }

  private static HttpRequest.Builder request(String path) {
    return http.request(path);
  }

  private static HttpRequest.Builder post(String path, String body) {
    return http.request("POST", path, "application/json", body);
  }
}
