package io.k3j.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.k3j.crds.telemetry.v1.DestinationStatus;
import io.k3j.crds.telemetry.v1.TelemetryBuffer;
import io.k3j.telemetry.operator.TelemetryOperator;
import io.k3j.telemetry.testing.BufferClient;
import io.k3j.testsupport.EmbeddedK3j;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TelemetryBuffer operator on k3j's own API server forwarding to an OTLP/HTTPS destination that
 * requires a client certificate, with the CA, the client certificate and its key in Secrets.
 */
class TlsSecretsIT {
  static final String NS = "telemetry-tls";
  static final Duration WAIT = Duration.ofSeconds(120);

  @TempDir static Path dataDir;
  static EmbeddedK3j k3j;
  static KubernetesClient client;
  static TelemetryOperator operator;
  static TestCertificates certificates;
  static MutualTlsDestination destination;

  @BeforeAll
  static void start() throws Exception {
    certificates = new TestCertificates();
    destination = new MutualTlsDestination(certificates);
    k3j = EmbeddedK3j.start();
    client = k3j.client();
    EmbeddedK3j.createNamespace(client, NS);
    operator = TelemetryOperator.start(client, dataDir, NS);
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    if (client != null) {
      client.close();
    }
    if (k3j != null) {
      k3j.close();
    }
    destination.close();
  }

  static void secret(String name, Map<String, String> data) {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withStringData(data)
                .build())
        .serverSideApply();
  }

  /** A buffer whose one destination trusts {@code caSecret}'s ca.crt and shows client-tls. */
  static void apply(String name, String caSecret) {
    String yaml =
        """
        apiVersion: telemetry.k3j.io/v1alpha1
        kind: TelemetryBuffer
        metadata: {name: %s, namespace: %s}
        spec:
          listen: {http: '127.0.0.1:0', grpc: '127.0.0.1:0'}
          destinations:
          - name: central
            endpoint: https://127.0.0.1:%d
            tls:
              ca: {name: %s, key: ca.crt}
              cert: {name: client-tls, key: tls.crt}
              key: {name: client-tls, key: tls.key}
        """
            .formatted(name, NS, destination.port(), caSecret);
    client.resource(Serialization.unmarshal(yaml, TelemetryBuffer.class)).serverSideApply();
  }

  static TelemetryBuffer get(String name) {
    return client.resources(TelemetryBuffer.class).inNamespace(NS).withName(name).get();
  }

  /** Waits until the buffer runs the current generation and returns its OTLP/HTTP port. */
  static int awaitRunning(String name) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              TelemetryBuffer buffer = get(name);
              assertThat(buffer.getStatus()).isNotNull();
              assertThat(buffer.getStatus().getObservedGeneration())
                  .isEqualTo(buffer.getMetadata().getGeneration());
              assertThat(buffer.getStatus().getListen()).isNotNull();
            });
    String http = get(name).getStatus().getListen().getHttp();
    return Integer.parseInt(http.substring(http.lastIndexOf(':') + 1));
  }

  static void clientSecret() throws Exception {
    secret(
        "client-tls",
        Map.of(
            "tls.crt", TestCertificates.pemText(certificates.client),
            "tls.key", TestCertificates.pemText(certificates.clientKey)));
  }

  @Test
  @DisplayName("CA, client certificate and key from Secrets give mutual TLS to the destination")
  void mutualTlsFromSecrets() throws Exception {
    clientSecret();
    secret("central-ca", Map.of("ca.crt", TestCertificates.pemText(certificates.ca)));
    apply("mtls", "central-ca");
    int port = awaitRunning("mtls");

    assertThat(BufferClient.postSpans(port, "mtls-span")).isEqualTo(200);

    await().atMost(WAIT).until(() -> destination.spans.contains("mtls-span"));
    assertThat(destination.clients)
        .isNotEmpty()
        .allMatch(subject -> subject.equals("CN=edge-node-1"));
  }

  @Test
  @DisplayName(
      "a wrong CA shows in the destination's lastError and keeps the data; fixing the Secret"
          + " delivers it without a restart")
  void wrongCaThenSecretFixed() throws Exception {
    clientSecret();
    TestCertificates other = new TestCertificates();
    secret("rotating-ca", Map.of("ca.crt", TestCertificates.pemText(other.ca)));
    apply("wrong-ca", "rotating-ca");
    int port = awaitRunning("wrong-ca");

    assertThat(BufferClient.postSpans(port, "kept-span")).isEqualTo(200);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              DestinationStatus central = get("wrong-ca").getStatus().getDestinations().get(0);
              assertThat(central.getLastError())
                  .containsAnyOf("PKIX", "certification path", "certificate");
              assertThat(central.getBacklogBytes()).isPositive();
            });
    assertThat(destination.spans).doesNotContain("kept-span");

    secret("rotating-ca", Map.of("ca.crt", TestCertificates.pemText(certificates.ca)));

    await().atMost(WAIT).until(() -> destination.spans.contains("kept-span"));
    assertThat(awaitRunning("wrong-ca")).as("same receiver port: no restart").isEqualTo(port);
  }
}
