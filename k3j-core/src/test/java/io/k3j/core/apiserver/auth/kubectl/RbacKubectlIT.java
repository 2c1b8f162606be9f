package io.k3j.core.apiserver.auth.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl and fabric8 against a k3j server with RBAC: a ServiceAccount with a Role, its token from
 * {@code kubectl create token}, used with {@code --token}.
 */
class RbacKubectlIT {
  private static final String USER = "system:serviceaccount:team:robot";
  @TempDir static Path dir;
  private static K3jServer server;
  private static Path tokenKubeconfig;
  private static String token;

  /** What a kubectl run printed and how it ended. */
  record Result(int exitCode, String output) {}

  @BeforeAll
  static void start() throws Exception {
    server = K3jServer.start(ServerConfig.forTests(dir.resolve("data")));
    tokenKubeconfig = dir.resolve("token-kubeconfig");
    Files.writeString(
        tokenKubeconfig,
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- cluster:",
            "    certificate-authority-data: " + caData(),
            "    server: https://127.0.0.1:" + server.port(),
            "  name: k3j",
            "contexts:",
            "- context: {cluster: k3j, user: nobody}",
            "  name: k3j",
            "current-context: k3j",
            "users:",
            "- name: nobody",
            "  user: {}",
            ""));
    admin(
        "apply",
        "-f",
        manifest(
            "team.yaml",
            """
            apiVersion: v1
            kind: Namespace
            metadata: {name: team}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: robot, namespace: team}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: allowed, namespace: team}
            data: {a: b}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: operator, namespace: team}
            rules:
            - apiGroups: [""]
              resources: [configmaps]
              verbs: [get, list]
            - apiGroups: [coordination.k8s.io]
              resources: [leases]
              verbs: [get, create, update]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: robot-operator, namespace: team}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: operator}
            subjects:
            - {kind: ServiceAccount, name: robot, namespace: team}
            """));
    token = admin("create", "token", "robot", "-n", "team", "--duration=1h");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String caData() throws IOException {
    Path ca = server.config().dataDir().resolve("server/tls/server-ca.crt");
    return Base64.getEncoder().encodeToString(Files.readAllBytes(ca));
  }

  private static String manifest(String file, String yaml) throws IOException {
    Path path = dir.resolve(file);
    Files.writeString(path, yaml);
    return path.toString();
  }

  private static Result kubectl(Path kubeconfig, List<String> args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
    command.addAll(
        List.of("--cache-dir", dir.resolve("cache-" + kubeconfig.getFileName()).toString()));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + args + " did not finish");
    }
    return new Result(process.exitValue(), output.strip());
  }

  private static String admin(String... args) throws IOException, InterruptedException {
    Result result = kubectl(server.kubeconfig(), List.of(args));
    assertThat(result.exitCode()).as("kubectl %s: %s", List.of(args), result.output()).isZero();
    return result.output();
  }

  private static Result robot(String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("--token", token));
    all.addAll(List.of(args));
    return kubectl(tokenKubeconfig, all);
  }

  @Test
  @DisplayName(
      "the ServiceAccount's token gets what its Role allows and a 403 with upstream's text otherwise")
  void tokenIsAuthorized() throws Exception {
    assertThat(robot("get", "configmap", "allowed", "-n", "team", "-o", "name").output())
        .isEqualTo("configmap/allowed");
    Result secrets = robot("get", "secrets", "-n", "team");
    assertThat(secrets.exitCode()).isNotZero();
    assertThat(secrets.output())
        .contains(
            "Error from server (Forbidden): secrets is forbidden: User \""
                + USER
                + "\" cannot list resource \"secrets\" in API group \"\" in the namespace \"team\"");
    Result elsewhere = robot("get", "configmap", "x", "-n", "default");
    assertThat(elsewhere.output())
        .contains(
            "configmaps \"x\" is forbidden: User \""
                + USER
                + "\" cannot get resource \"configmaps\" in API group \"\" in the namespace"
                + " \"default\"");
  }

  @Test
  @DisplayName("a forged token and a token of a deleted ServiceAccount are 401 Unauthorized")
  void badTokens() throws Exception {
    Result forged =
        kubectl(tokenKubeconfig, List.of("--token", token + "x", "get", "cm", "-n", "team"));
    assertThat(forged.exitCode()).isNotZero();
    assertThat(forged.output()).contains("Unauthorized");
    admin("create", "serviceaccount", "temp", "-n", "team");
    String temp = admin("create", "token", "temp", "-n", "team");
    admin("delete", "serviceaccount", "temp", "-n", "team");
    Result deleted =
        kubectl(tokenKubeconfig, List.of("--token", temp, "auth", "can-i", "get", "pods"));
    assertThat(deleted.output()).contains("Unauthorized");
  }

  @Test
  @DisplayName("kubectl auth can-i answers yes and no for the token, yes for the admin")
  void canI() throws Exception {
    assertThat(robot("auth", "can-i", "get", "configmaps", "-n", "team").output()).isEqualTo("yes");
    Result no = robot("auth", "can-i", "delete", "configmaps", "-n", "team");
    assertThat(no.exitCode()).isEqualTo(1);
    assertThat(no.output()).isEqualTo("no");
    assertThat(robot("auth", "can-i", "get", "configmaps", "-n", "default").output())
        .isEqualTo("no");
    assertThat(admin("auth", "can-i", "delete", "secrets", "-n", "team")).isEqualTo("yes");
  }

  @Test
  @DisplayName("kubectl auth can-i --list shows the Role's rules and the default discovery rules")
  void canIList() throws Exception {
    String list = robot("auth", "can-i", "--list", "-n", "team").output();
    assertThat(list).containsPattern("configmaps\\s+\\[\\]\\s+\\[\\]\\s+\\[get list\\]");
    assertThat(list)
        .containsPattern(
            "leases.coordination.k8s.io\\s+\\[\\]\\s+\\[\\]\\s+\\[get create update\\]");
    assertThat(list)
        .containsPattern(
            "selfsubjectrulesreviews.authorization.k8s.io\\s+\\[\\]\\s+\\[\\]\\s+\\[create\\]");
    assertThat(list).containsPattern("\\[/version\\]\\s+\\[\\]\\s+\\[get\\]");
  }

  @Test
  @DisplayName("a labelled ClusterRole is aggregated into the role whose selector matches it")
  void aggregation() throws Exception {
    admin(
        "apply",
        "-f",
        manifest(
            "aggregate.yaml",
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: monitoring}
            aggregationRule:
              clusterRoleSelectors:
              - matchLabels: {k3j.io/aggregate-to-monitoring: "true"}
            rules: []
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: pod-reader
              labels: {k3j.io/aggregate-to-monitoring: "true"}
            rules:
            - apiGroups: [""]
              resources: [pods]
              verbs: [get, list, watch]
            """));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        admin(
                            "get",
                            "clusterrole",
                            "monitoring",
                            "-o",
                            "jsonpath={.rules[0].resources}"))
                    .isEqualTo("[\"pods\"]"));
    assertThat(admin("get", "clusterrole", "view", "-o", "jsonpath={.rules[*].resources}"))
        .contains("configmaps");
    assertThat(admin("get", "clusterrole", "admin", "-o", "jsonpath={.rules[*].resources}"))
        .contains("rolebindings", "configmaps");
  }

  @Test
  @DisplayName(
      "fabric8's SelfSubjectRulesReview, as Java Operator SDK sends it before leader election")
  void rulesReviewForLeaderElection() throws Exception {
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("https://127.0.0.1:" + server.port())
                    .withCaCertData(caData())
                    .withOauthToken(token)
                    .build())
            .build()) {
      SelfSubjectRulesReview review =
          client
              .authorization()
              .v1()
              .selfSubjectRulesReview()
              .create(
                  new SelfSubjectRulesReviewBuilder()
                      .withNewSpec()
                      .withNamespace("team")
                      .endSpec()
                      .build());
      List<ResourceRule> rules = review.getStatus().getResourceRules();
      assertThat(rules)
          .anySatisfy(
              rule -> {
                assertThat(rule.getApiGroups()).contains("coordination.k8s.io");
                assertThat(rule.getResources()).contains("leases");
                assertThat(rule.getVerbs()).contains("get", "create", "update");
              });
      assertThat(review.getStatus().getIncomplete()).isFalse();
    }
  }
}
