package io.k3j.registry.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.registry.LocalRegistry;
import io.k3j.registry.testing.DockerRegistryProcess;
import io.k3j.registry.testing.Http;
import io.k3j.registry.testing.OciLayout;
import io.k3j.registry.testing.Processes;
import io.k3j.registry.testing.Processes.Result;
import io.k3j.registry.testing.Registries;
import io.k3j.registry.testing.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS both ways: an HTTPS upstream trusted through a CA file, and the registry serving HTTPS. */
class TlsIT {
  @TempDir Path dir;
  DockerRegistryProcess upstream;

  /** A self-signed certificate for 127.0.0.1, made by openssl. */
  private void selfSigned(Path cert, Path key) throws Exception {
    Result openssl =
        Processes.run(
            dir,
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            key.toString(),
            "-out",
            cert.toString());
    assertThat(openssl.exitCode()).as(openssl.output()).isZero();
  }

  @AfterEach
  void stop() {
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  @DisplayName(
      "an HTTPS upstream is used with its CA file or with insecure-skip-verify, and refused (404, nothing cached) without either")
  void caFile() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    selfSigned(cert, key);
    upstream =
        new DockerRegistryProcess(Files.createDirectories(dir.resolve("upstream")), cert, key);
    TestImage image = TestImage.build(77, 1, 1000);
    Path layout = OciLayout.write(Files.createDirectories(dir.resolve("layout")), "v1", image);
    Result push =
        Processes.skopeo(
            dir,
            "copy",
            "--dest-tls-verify=false",
            "oci:" + layout + ":v1",
            "docker://" + upstream.hostPort() + "/demo/tls:v1");
    assertThat(push.exitCode()).as(push.output()).isZero();

    try (LocalRegistry untrusting =
        Registries.start(
            Files.createDirectories(dir.resolve("a")),
            Map.of("upstream", "tls.test=" + upstream.url()))) {
      assertThat(
              new Http(Registries.url(untrusting))
                  .get("/v2/tls.test/demo/tls/manifests/v1")
                  .statusCode())
          .isEqualTo(404);
    }
    try (LocalRegistry skipping =
        Registries.start(
            Files.createDirectories(dir.resolve("c")),
            Map.of(
                "upstream",
                "tls.test=" + upstream.url(),
                "upstream.tls.test.insecure-skip-verify",
                "true"))) {
      assertThat(
              new Http(Registries.url(skipping)).get("/v2/tls.test/demo/tls/manifests/v1").body())
          .isEqualTo(image.manifest());
    }
    try (LocalRegistry trusting =
        Registries.start(
            Files.createDirectories(dir.resolve("b")),
            Map.of(
                "upstream",
                "tls.test=" + upstream.url(),
                "upstream.tls.test.ca-file",
                cert.toString()))) {
      Http http = new Http(Registries.url(trusting));
      assertThat(http.get("/v2/tls.test/demo/tls/manifests/v1").body()).isEqualTo(image.manifest());
      assertThat(http.get("/v2/tls.test/demo/tls/blobs/" + image.layerDigest(0)).body())
          .isEqualTo(image.layers().get(0));
    }
  }

  @Test
  @DisplayName(
      "with a certificate and key the registry itself serves HTTPS, and skopeo pushes and pulls over it")
  void httpsListener() throws Exception {
    Path cert = dir.resolve("server-cert.pem");
    Path key = dir.resolve("server-key.pem");
    selfSigned(cert, key);
    TestImage image = TestImage.build(78, 1, 1000);
    Path layout = OciLayout.write(Files.createDirectories(dir.resolve("layout2")), "v1", image);
    try (LocalRegistry https =
        Registries.start(
            Files.createDirectories(dir.resolve("https")),
            Map.of("tls-cert-file", cert.toString(), "tls-key-file", key.toString()))) {
      String target = "docker://" + Registries.hostPort(https) + "/site/secure:v1";
      Result push =
          Processes.skopeo(dir, "copy", "--dest-tls-verify=false", "oci:" + layout + ":v1", target);
      assertThat(push.exitCode()).as(push.output()).isZero();
      Result inspect = Processes.skopeo(dir, "inspect", "--raw", "--tls-verify=false", target);
      assertThat(inspect.output())
          .isEqualTo(new String(image.manifest(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
