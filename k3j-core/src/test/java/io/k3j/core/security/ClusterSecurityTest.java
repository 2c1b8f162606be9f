package io.k3j.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSecurityTest {
  @TempDir Path dataDir;
  private final Clock clock = Clock.systemUTC();

  private Path tls(String file) {
    return dataDir.resolve("server/tls").resolve(file);
  }

  @Test
  @DisplayName(
      "first start writes the CAs, certificates and a K10 token pinning the CA, secrets 0600")
  void firstStart() throws Exception {
    ClusterSecurity security = ClusterSecurity.ensure(dataDir, List.of(), null, clock);

    String caHash =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(tls("server-ca.crt"))));
    String token = Files.readString(dataDir.resolve("server/token")).strip();
    assertThat(token).matches("K10" + caHash + "::server:[0-9a-f]{32}");
    assertThat(Files.readString(dataDir.resolve("server/node-token")).strip()).isEqualTo(token);
    assertThat(security.token().format()).isEqualTo(token);
    for (Path secret :
        List.of(
            tls("server-ca.key"),
            tls("client-ca.key"),
            tls("serving-kube-apiserver.key"),
            tls("client-admin.key"),
            dataDir.resolve("server/token"),
            dataDir.resolve("server/node-token"))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
          .as(secret.toString())
          .isEqualTo("rw-------");
    }
  }

  @Test
  @DisplayName(
      "the serving certificate is signed by the server CA and names localhost, IPs and --tls-san")
  void servingCertificate() throws Exception {
    ClusterSecurity security =
        ClusterSecurity.ensure(dataDir, List.of("edge.example", "10.9.8.7"), null, clock);

    X509Certificate serving = PemFiles.readCertificate(tls("serving-kube-apiserver.crt"));
    serving.verify(security.serverCa().certificate().getPublicKey());
    List<String> sans =
        serving.getSubjectAlternativeNames().stream().map(san -> san.get(1).toString()).toList();
    assertThat(sans).contains("localhost", "127.0.0.1", "edge.example", "10.9.8.7");
    assertThat(serving.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
  }

  @Test
  @DisplayName("the admin certificate is a system:masters client certificate of the client CA")
  void adminCertificate() throws Exception {
    ClusterSecurity security = ClusterSecurity.ensure(dataDir, List.of(), null, clock);

    X509Certificate admin = security.admin().certificate();
    admin.verify(security.clientCa().certificate().getPublicKey());
    assertThat(admin.getSubjectX500Principal().getName())
        .contains("CN=system:admin")
        .contains("O=system:masters");
    assertThat(admin.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.2");
  }

  @Test
  @DisplayName("a restart keeps the CAs and the token")
  void restartKeepsIdentity() throws Exception {
    ClusterSecurity first = ClusterSecurity.ensure(dataDir, List.of(), null, clock);
    ClusterSecurity second = ClusterSecurity.ensure(dataDir, List.of(), null, clock);

    assertThat(second.serverCa().certificate()).isEqualTo(first.serverCa().certificate());
    assertThat(second.clientCa().certificate()).isEqualTo(first.clientCa().certificate());
    assertThat(second.token()).isEqualTo(first.token());
  }

  @Test
  @DisplayName("--token sets the password; a K10 token for another CA is refused")
  void givenToken() throws Exception {
    ClusterSecurity security = ClusterSecurity.ensure(dataDir, List.of(), "s3cret", clock);
    assertThat(security.token().password()).isEqualTo("s3cret");
    assertThat(security.token().pinsCa()).isTrue();

    String foreign = "K10" + "0".repeat(64) + "::server:s3cret";
    assertThatThrownBy(() -> ClusterSecurity.ensure(dataDir, List.of(), foreign, clock))
        .hasMessageContaining("CA hash");
    assertThatThrownBy(() -> JoinToken.parse("K10abc::server:x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(JoinToken.parse("plain").pinsCa()).isFalse();
    assertThat(security.token().toString()).doesNotContain("s3cret");
  }

  @Test
  @DisplayName("kubectl reads the kubeconfig: server, CA and admin credentials")
  void kubeconfigReadByKubectl() throws Exception {
    ClusterSecurity security = ClusterSecurity.ensure(dataDir, List.of(), null, clock);
    Path kubeconfig = dataDir.resolve("k3j.yaml");
    String caPem = Files.readString(tls("server-ca.crt"));
    Files.writeString(
        kubeconfig, Kubeconfig.render("https://127.0.0.1:6443", caPem, security.admin()));

    assertThat(kubectl(kubeconfig, "{.clusters[0].cluster.server}"))
        .isEqualTo("https://127.0.0.1:6443");
    assertThat(kubectl(kubeconfig, "{.current-context}")).isEqualTo("default");
    String caData = kubectl(kubeconfig, "{.clusters[0].cluster.certificate-authority-data}");
    assertThat(new String(java.util.Base64.getDecoder().decode(caData), StandardCharsets.UTF_8))
        .isEqualTo(caPem);
  }

  private static String kubectl(Path kubeconfig, String jsonpath) throws Exception {
    Process process =
        new ProcessBuilder(
                "kubectl",
                "config",
                "view",
                "--raw",
                "--kubeconfig",
                kubeconfig.toString(),
                "-o",
                "jsonpath=" + jsonpath)
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out.strip();
  }
}
