package io.k3j.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TelemetryBufferConfig.fromMap")
class TelemetryBufferConfigTest {

  static Map<String, String> minimal() {
    Map<String, String> map = new HashMap<>();
    map.put("data-dir", "/var/lib/k3j/telemetry");
    return map;
  }

  static ConfigException rejected(Map<String, String> map) {
    try {
      TelemetryBufferConfig.fromMap(map);
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("config was accepted: " + map);
  }

  @Test
  @DisplayName("defaults: ports 4318/4317, 4 MiB requests, disk durability, block policy")
  void defaults() {
    TelemetryBufferConfig config = TelemetryBufferConfig.fromMap(minimal());

    assertThat(config.httpListen()).isEqualTo(new ListenAddress("0.0.0.0", 4318));
    assertThat(config.grpcListen()).isEqualTo(new ListenAddress("0.0.0.0", 4317));
    assertThat(config.maxRequestBytes()).isEqualTo(4 << 20);
    assertThat(config.durability()).isEqualTo(Durability.DISK);
    assertThat(config.fullPolicy()).isEqualTo(FullPolicy.BLOCK);
    assertThat(config.maxDiskBytes()).isEqualTo(1L << 30);
    assertThat(config.destinations()).isEmpty();
  }

  @Test
  @DisplayName(
      "a destination gets signal paths appended to its base URL, headers and 1 MiB batches")
  void destination() {
    Map<String, String> map = minimal();
    map.put("destination.oneuptime.endpoint", "https://oneuptime.example/otlp");
    map.put("destination.oneuptime.header.x-oneuptime-token", "t0k3n");
    map.put("destination.oneuptime.logs-endpoint", "https://logs.example/custom");

    DestinationConfig destination = TelemetryBufferConfig.fromMap(map).destinations().get(0);

    assertThat(destination.name()).isEqualTo("oneuptime");
    assertThat(destination.tracesUrl())
        .isEqualTo(URI.create("https://oneuptime.example/otlp/v1/traces"));
    assertThat(destination.logsUrl()).isEqualTo(URI.create("https://logs.example/custom"));
    assertThat(destination.headers()).containsEntry("x-oneuptime-token", "t0k3n");
    assertThat(destination.maxBatchBytes()).isEqualTo(1 << 20);
    assertThat(destination.gzip()).isTrue();
    assertThat(destination.maxRetryTime()).isEqualTo(Duration.ZERO);
  }

  @Test
  @DisplayName("a bad value stops start-up with an error naming its key")
  void badValuesNameTheirKey() {
    Map<String, String> badSize = minimal();
    badSize.put("max-disk", "lots");
    Map<String, String> badPolicy = minimal();
    badPolicy.put("full-policy", "panic");
    Map<String, String> badListen = minimal();
    badListen.put("http-listen", "localhost");
    Map<String, String> badUrl = minimal();
    badUrl.put("destination.a.endpoint", "ftp://x");

    assertThat(rejected(badSize).key()).isEqualTo("max-disk");
    assertThat(rejected(badPolicy).key()).isEqualTo("full-policy");
    assertThat(rejected(badListen).key()).isEqualTo("http-listen");
    assertThat(rejected(badUrl).key()).isEqualTo("destination.a.endpoint");
  }

  @Test
  @DisplayName("unknown keys and a missing data-dir are errors, not silently ignored")
  void unknownAndMissingKeys() {
    Map<String, String> typo = minimal();
    typo.put("max-disc", "1GiB");

    assertThat(rejected(typo).key()).isEqualTo("max-disc");
    assertThatThrownBy(() -> TelemetryBufferConfig.fromMap(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("data-dir");
  }

  @Test
  @DisplayName("sizes accept bytes and KiB/MiB/GiB suffixes")
  void sizes() {
    Map<String, String> map = minimal();
    map.put("max-request-size", "64MiB");
    map.put("max-disk", "2GiB");
    map.put("min-free-disk", "512KiB");

    TelemetryBufferConfig config = TelemetryBufferConfig.fromMap(map);

    assertThat(config.maxRequestBytes()).isEqualTo(64 << 20);
    assertThat(config.maxDiskBytes()).isEqualTo(2L << 30);
    assertThat(config.minFreeDiskBytes()).isEqualTo(512 * 1024);
  }

  @Test
  @DisplayName(
      "the queue block holds four maximum-size records (Chronicle's limit); max-disk two blocks")
  void queueBlockSize() {
    Map<String, String> small = minimal();
    small.put("max-request-size", "64KiB");
    Map<String, String> tooSmallDisk = minimal();
    tooSmallDisk.put("max-disk", "32MiB");

    assertThat(TelemetryBufferConfig.fromMap(minimal()).queueBlockSize()).isEqualTo(32L << 20);
    assertThat(TelemetryBufferConfig.fromMap(small).queueBlockSize()).isEqualTo(1L << 20);
    assertThat(rejected(tooSmallDisk).key()).isEqualTo("max-disk");
  }

  @Test
  @DisplayName("protocol grpc keeps the endpoint as given; an unknown protocol names its key")
  void grpcDestination() {
    Map<String, String> map = minimal();
    map.put("destination.g.endpoint", "https://collector.example:4317");
    map.put("destination.g.protocol", "grpc");
    Map<String, String> bad = minimal();
    bad.put("destination.g.endpoint", "https://collector.example:4317");
    bad.put("destination.g.protocol", "thrift");

    DestinationConfig grpc = TelemetryBufferConfig.fromMap(map).destinations().get(0);

    assertThat(grpc.protocol()).isEqualTo(ForwardProtocol.GRPC);
    assertThat(grpc.logsUrl()).isEqualTo(URI.create("https://collector.example:4317"));
    assertThat(rejected(bad).key()).isEqualTo("destination.g.protocol");
  }
}
