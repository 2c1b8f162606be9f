package io.k3j.telemetry;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code telemetry-buffer}: runs receivers, queue and forwarders without Kubernetes. Flags, a
 * properties file ({@code --config}) and the standard {@code OTEL_EXPORTER_OTLP_*} variables are
 * one surface: they all become keys of {@link TelemetryBufferConfig#fromMap}; flags win over the
 * file, the file over the environment.
 */
@Command(
    name = "telemetry-buffer",
    mixinStandardHelpOptions = true,
    description = "Receive OTLP, keep it on disk, forward it upstream.")
public final class TelemetryBufferMain implements Callable<Integer> {

  @Option(names = "--data-dir", description = "Queue, acked positions and dead letters.")
  String dataDir;

  @Option(names = "--http-listen", description = "OTLP/HTTP HOST:PORT (default 0.0.0.0:4318).")
  String httpListen;

  @Option(names = "--grpc-listen", description = "OTLP/gRPC HOST:PORT (default 0.0.0.0:4317).")
  String grpcListen;

  @Option(names = "--endpoint", description = "Base URL of a destination; repeatable.")
  List<String> endpoints = new ArrayList<>();

  @Option(names = "--header", description = "K=V sent to every destination; repeatable.")
  Map<String, String> headers = new LinkedHashMap<>();

  @Option(names = "--header-from-env", description = "K=ENV_VAR: header value from environment.")
  Map<String, String> headersFromEnv = new LinkedHashMap<>();

  @Option(names = "--max-disk", description = "Disk budget, e.g. 10GiB (default 1GiB).")
  String maxDisk;

  @Option(names = "--full-policy", description = "block or drop-oldest (default block).")
  String fullPolicy;

  @Option(names = "--durability", description = "disk (fsync, default) or process.")
  String durability;

  @Option(names = "--max-request-size", description = "Inbound limit (default 4MiB).")
  String maxRequestSize;

  @Option(names = "--config", description = "Properties file with the same keys as the flags.")
  Path configFile;

  @Option(names = "--set", description = "Any config key, e.g. destination.a.max-in-flight=8.")
  Map<String, String> extra = new LinkedHashMap<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new TelemetryBufferMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<String> missingFlags = JvmFlags.missing();
    if (!missingFlags.isEmpty()) {
      System.err.println("missing JVM flags (Chronicle Queue needs them): " + missingFlags);
      return 2;
    }
    TelemetryBuffer buffer;
    try {
      buffer = TelemetryBuffer.start(TelemetryBufferConfig.fromMap(toConfigMap(System.getenv())));
    } catch (ConfigException e) {
      System.err.println("invalid configuration: " + e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  buffer.close();
                  stopped.countDown();
                },
                "telemetry-buffer-shutdown"));
    stopped.await();
    return 0;
  }

  /** Merges environment, config file and flags into one key/value map. */
  Map<String, String> toConfigMap(Map<String, String> env) throws IOException {
    Map<String, String> map = new LinkedHashMap<>(OtelEnvironment.toConfigMap(env));
    if (configFile != null) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(configFile)) {
        properties.load(reader);
      }
      properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
    }
    put(map, TelemetryBufferConfig.DATA_DIR, dataDir);
    put(map, TelemetryBufferConfig.HTTP_LISTEN, httpListen);
    put(map, TelemetryBufferConfig.GRPC_LISTEN, grpcListen);
    put(map, TelemetryBufferConfig.MAX_DISK, maxDisk);
    put(map, TelemetryBufferConfig.FULL_POLICY, fullPolicy);
    put(map, TelemetryBufferConfig.DURABILITY, durability);
    put(map, TelemetryBufferConfig.MAX_REQUEST_SIZE, maxRequestSize);
    if (!endpoints.isEmpty()) {
      map.keySet().removeIf(k -> k.startsWith(TelemetryBufferConfig.DESTINATION_PREFIX));
      for (int i = 0; i < endpoints.size(); i++) {
        map.put("destination.upstream-" + (i + 1) + ".endpoint", endpoints.get(i));
      }
    }
    Map<String, String> allHeaders = new LinkedHashMap<>(headers);
    headersFromEnv.forEach(
        (name, variable) -> allHeaders.put(name, env.getOrDefault(variable, "")));
    for (String destination : destinationNames(map)) {
      allHeaders.forEach((k, v) -> map.put(destination + "header." + k, v));
    }
    map.putAll(extra);
    return map;
  }

  private static List<String> destinationNames(Map<String, String> map) {
    return map.keySet().stream()
        .filter(
            k -> k.startsWith(TelemetryBufferConfig.DESTINATION_PREFIX) && k.endsWith(".endpoint"))
        .map(k -> k.substring(0, k.length() - "endpoint".length()))
        .distinct()
        .toList();
  }

  private static void put(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
