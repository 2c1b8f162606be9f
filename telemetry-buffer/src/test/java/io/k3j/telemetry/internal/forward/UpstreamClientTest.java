package io.k3j.telemetry.internal.forward;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.telemetry.ConfigException;
import io.k3j.telemetry.TelemetryBufferConfig;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("UpstreamClient start-up checks")
class UpstreamClientTest {

  @Test
  @DisplayName("a header the HTTP client refuses to send stops start-up naming its key")
  void restrictedHeader() {
    var config =
        TelemetryBufferConfig.fromMap(
                Map.of(
                    "data-dir", "/tmp/unused",
                    "destination.a.endpoint", "http://127.0.0.1:1",
                    "destination.a.header.Host", "example"))
            .destinations()
            .get(0);

    assertThatThrownBy(() -> UpstreamClient.forDestination(config, java.time.Clock.systemUTC()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                org.assertj.core.api.Assertions.assertThat(e.key())
                    .isEqualTo("destination.a.header.Host"));
  }
}
