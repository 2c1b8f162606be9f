package io.k3j.telemetry.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.k3j.crds.telemetry.v1.TelemetryBuffer;
import io.k3j.telemetry.ConfigException;
import io.k3j.telemetry.DestinationConfig;
import io.k3j.telemetry.ForwardProtocol;
import io.k3j.telemetry.FullPolicy;
import io.k3j.telemetry.TelemetryBufferConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BufferConfigsTest {
  static final Path DIR = Path.of("/var/lib/k3j/telemetry/ns/b");

  static TelemetryBuffer buffer(String spec) {
    return Serialization.unmarshal(
        "apiVersion: telemetry.k3j.io/v1alpha1\nkind: TelemetryBuffer\n"
            + "metadata: {name: b, namespace: ns}\nspec:\n"
            + spec.indent(2),
        TelemetryBuffer.class);
  }

  static Secret secret(String name, String key, String value) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withData(
            Map.of(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))))
        .build();
  }

  static TelemetryBufferConfig config(TelemetryBuffer buffer, Map<String, Secret> secrets) {
    return TelemetryBufferConfig.fromMap(BufferConfigs.toMap(buffer, DIR, secrets::get));
  }

  @Test
  @DisplayName("every spec field reaches the buffer config, secrets decoded into headers")
  void everyField() {
    TelemetryBuffer buffer =
        buffer(
            """
            listen: {http: '127.0.0.1:14318', grpc: '127.0.0.1:14317'}
            maxDisk: 2Gi
            minFreeDisk: 100Mi
            fullPolicy: drop-oldest
            destinations:
            - name: oneuptime
              endpoint: https://oneuptime.example.com/otlp
              protocol: http/json
              compression: none
              headers:
              - {name: x-site, value: farm-7}
              - name: x-api-key
                valueFrom: {secretKeyRef: {name: keys, key: api}}
              oneUptimeToken: {name: keys, key: oneuptime}
            - name: collector
              endpoint: http://collector:4317
              protocol: grpc
            """);
    Secret keys = secret("keys", "api", "k-1");
    keys.getData()
        .put(
            "oneuptime",
            Base64.getEncoder().encodeToString("tok\n".getBytes(StandardCharsets.UTF_8)));
    TelemetryBufferConfig config = config(buffer, Map.of("keys", keys));

    assertThat(config.dataDir()).isEqualTo(DIR);
    assertThat(config.httpListen().port()).isEqualTo(14318);
    assertThat(config.grpcListen().port()).isEqualTo(14317);
    assertThat(config.maxDiskBytes()).isEqualTo(2L << 30);
    assertThat(config.minFreeDiskBytes()).isEqualTo(100L << 20);
    assertThat(config.fullPolicy()).isEqualTo(FullPolicy.DROP_OLDEST);
    DestinationConfig collector = config.destinations().get(0);
    assertThat(collector.protocol()).isEqualTo(ForwardProtocol.GRPC);
    DestinationConfig oneuptime = config.destinations().get(1);
    assertThat(oneuptime.protocol()).isEqualTo(ForwardProtocol.HTTP_JSON);
    assertThat(oneuptime.gzip()).isFalse();
    assertThat(oneuptime.tracesUrl())
        .isEqualTo(URI.create("https://oneuptime.example.com/otlp/v1/traces"));
    assertThat(oneuptime.headers())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("x-site", "farm-7", "x-api-key", "k-1", "x-oneuptime-token", "tok"));
    assertThat(BufferConfigs.secretNames(buffer)).containsExactly("keys");
  }

  @Test
  @DisplayName("a missing Secret is SecretNotFound unless the reference is optional")
  void missingSecret() {
    TelemetryBuffer required =
        buffer(
            """
            destinations:
            - name: a
              endpoint: http://a:4318
              oneUptimeToken: {name: gone, key: token}
            """);
    assertThatThrownBy(() -> config(required, Map.of()))
        .isInstanceOfSatisfying(
            SpecException.class, e -> assertThat(e.reason()).isEqualTo("SecretNotFound"))
        .hasMessageContaining("Secret gone not found");
    TelemetryBuffer optional =
        buffer(
            """
            destinations:
            - name: a
              endpoint: http://a:4318
              oneUptimeToken: {name: gone, key: token, optional: true}
            """);
    assertThat(config(optional, Map.of()).destinations().get(0).headers()).isEmpty();
  }

  @Test
  @DisplayName("bad specs are refused with a message naming the field")
  void badSpecs() {
    assertThatThrownBy(
            () ->
                config(
                    buffer(
                        """
                        destinations:
                        - {name: a, endpoint: 'http://a:4318'}
                        - {name: a, endpoint: 'http://b:4318'}
                        """),
                    Map.of()))
        .hasMessageContaining("used twice");
    assertThatThrownBy(
            () ->
                config(
                    buffer(
                        """
                        destinations:
                        - name: a
                          endpoint: http://a:4318
                          headers: [{name: x, value: v, valueFrom: {secretKeyRef: {name: s, key: k}}}]
                        """),
                    Map.of()))
        .hasMessageContaining("exactly one of value and valueFrom");
    assertThatThrownBy(
            () -> config(buffer("destinations:\n- {name: a, endpoint: 'ftp://a'}\n"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("destination.a.endpoint");
    assertThatThrownBy(() -> config(buffer("maxDisk: 1m\n"), Map.of()))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("spec.maxDisk");
  }

  static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";

  @Test
  @DisplayName("tls: CA, client certificate and key come from Secrets as PEM text, watched")
  void tlsFromSecrets() {
    TelemetryBuffer buffer =
        buffer(
            """
            destinations:
            - name: secure
              endpoint: https://collector.example.com
              tls:
                ca: {name: ca, key: ca.crt}
                cert: {name: client, key: tls.crt}
                key: {name: client, key: tls.key}
                serverName: collector.internal
            """);
    Secret client = secret("client", "tls.crt", PEM);
    client
        .getData()
        .put(
            "tls.key",
            Base64.getEncoder()
                .encodeToString(
                    "-----BEGIN PRIVATE KEY-----\nMC4\n-----END PRIVATE KEY-----"
                        .getBytes(StandardCharsets.UTF_8)));
    TelemetryBufferConfig config =
        config(buffer, Map.of("ca", secret("ca", "ca.crt", PEM), "client", client));

    io.k3j.telemetry.TlsSettings tls = config.destinations().get(0).tls();
    assertThat(tls.certificate().text()).isEqualTo(PEM);
    assertThat(tls.clientCertificate().text()).isEqualTo(PEM);
    assertThat(tls.clientKey().text()).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(tls.serverName()).isEqualTo("collector.internal");
    assertThat(tls.insecureSkipVerify()).isFalse();
    assertThat(BufferConfigs.secretNames(buffer)).contains("ca", "client");
  }

  @Test
  @DisplayName("tls: a missing CA Secret or a cert without key is an error naming the field")
  void tlsErrors() {
    TelemetryBuffer missing =
        buffer(
            """
            destinations:
            - name: secure
              endpoint: https://collector.example.com
              tls: {ca: {name: nowhere, key: ca.crt}}
            """);
    assertThatThrownBy(() -> config(missing, Map.of()))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("destination secure tls.ca")
        .hasMessageContaining("Secret nowhere not found");
    TelemetryBuffer half =
        buffer(
            """
            destinations:
            - name: secure
              endpoint: https://collector.example.com
              tls: {cert: {name: client, key: tls.crt}, insecureSkipVerify: true}
            """);
    assertThatThrownBy(() -> config(half, Map.of()))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("cert and key go together");
  }
}
