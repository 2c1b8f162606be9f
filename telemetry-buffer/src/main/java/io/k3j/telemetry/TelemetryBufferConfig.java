package io.k3j.telemetry;

import io.k3j.telemetry.internal.config.ConfigReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Everything the telemetry buffer needs, validated once at start-up. Built from a flat map whose
 * keys are the long command-line flags; destination keys are {@code destination.NAME.SETTING}.
 *
 * @param dataDir holds the queue, acked positions and dead letters
 * @param httpListen OTLP/HTTP receiver address (default {@code 0.0.0.0:4318})
 * @param grpcListen OTLP/gRPC receiver address (default {@code 0.0.0.0:4317})
 * @param maxRequestBytes inbound request limit after decompression (default 4 MiB)
 * @param durability when a request is acknowledged (default {@link Durability#DISK})
 * @param maxDiskBytes upper bound of queue files on disk
 * @param minFreeDiskBytes free space always left on the volume (mmap + full disk = SIGBUS)
 * @param fullPolicy what happens when the budget is used up
 * @param retryAfter hint sent with a "buffer full" answer
 * @param rollCycle Chronicle roll cycle name; one cycle file is the unit of deletion
 */
public record TelemetryBufferConfig(
    Path dataDir,
    ListenAddress httpListen,
    ListenAddress grpcListen,
    int maxRequestBytes,
    Durability durability,
    long maxDiskBytes,
    long minFreeDiskBytes,
    FullPolicy fullPolicy,
    Duration retryAfter,
    String rollCycle,
    List<DestinationConfig> destinations) {

  public static final String DATA_DIR = "data-dir";
  public static final String HTTP_LISTEN = "http-listen";
  public static final String GRPC_LISTEN = "grpc-listen";
  public static final String MAX_REQUEST_SIZE = "max-request-size";
  public static final String DURABILITY = "durability";
  public static final String MAX_DISK = "max-disk";
  public static final String MIN_FREE_DISK = "min-free-disk";
  public static final String FULL_POLICY = "full-policy";
  public static final String RETRY_AFTER_SECONDS = "retry-after-seconds";
  public static final String ROLL_CYCLE = "roll-cycle";
  public static final String DESTINATION_PREFIX = "destination.";

  public TelemetryBufferConfig {
    destinations = List.copyOf(destinations);
  }

  /** Builds and validates the config; throws {@link ConfigException} naming the bad key. */
  public static TelemetryBufferConfig fromMap(Map<String, String> values) {
    ConfigReader reader = new ConfigReader(values);
    Path dataDir =
        reader
            .optional(DATA_DIR)
            .map(Path::of)
            .orElseThrow(() -> new ConfigException(DATA_DIR, "is required"));
    long maxRequest = reader.bytes(MAX_REQUEST_SIZE, "4MiB", 1024);
    if (maxRequest > 256L << 20) {
      throw new ConfigException(MAX_REQUEST_SIZE, "must be at most 256MiB, got " + maxRequest);
    }
    TelemetryBufferConfig config =
        new TelemetryBufferConfig(
            dataDir,
            reader.parsed(HTTP_LISTEN, "0.0.0.0:4318", ListenAddress::parse),
            reader.parsed(GRPC_LISTEN, "0.0.0.0:4317", ListenAddress::parse),
            (int) maxRequest,
            reader.parsed(DURABILITY, "disk", Durability::parse),
            reader.bytes(MAX_DISK, "1GiB", 1L << 20),
            reader.bytes(MIN_FREE_DISK, "256MiB", 0),
            reader.parsed(FULL_POLICY, "block", FullPolicy::parse),
            Duration.ofSeconds(reader.positiveInt(RETRY_AFTER_SECONDS, 5)),
            reader.parsed(ROLL_CYCLE, "FIVE_MINUTELY", TelemetryBufferConfig::checkRollCycle),
            destinations(reader));
    reader.rejectUnknownKeys();
    if (config.maxDiskBytes() < 2 * config.queueBlockSize()) {
      throw new ConfigException(
          MAX_DISK,
          "must hold two queue blocks of "
              + config.queueBlockSize()
              + " bytes (the block size follows "
              + MAX_REQUEST_SIZE
              + ")");
    }
    return config;
  }

  /**
   * Chronicle's block size for this request limit: a document may use at most a quarter of a block
   * (Chronicle Queue), so the block is the next power of two of four largest records (request plus
   * record header), and at least 1 MiB.
   */
  public long queueBlockSize() {
    long largestRecord = maxRequestBytes + 64L;
    return Math.max(1L << 20, Long.highestOneBit(4 * largestRecord - 1) << 1);
  }

  private static String checkRollCycle(String name) {
    List<String> allowed = List.of("FIVE_MINUTELY", "FAST_HOURLY", "FAST_DAILY", "TEST_SECONDLY");
    if (!allowed.contains(name)) {
      throw new IllegalArgumentException("expected one of " + allowed + ", got '" + name + "'");
    }
    return name;
  }

  private static List<DestinationConfig> destinations(ConfigReader reader) {
    TreeSet<String> names = new TreeSet<>();
    for (String key : reader.withPrefix(DESTINATION_PREFIX).keySet()) {
      int dot = key.indexOf('.');
      names.add(dot < 0 ? key : key.substring(0, dot));
    }
    List<DestinationConfig> result = new ArrayList<>();
    for (String name : names) {
      result.add(destination(reader, name));
    }
    return result;
  }

  private static DestinationConfig destination(ConfigReader reader, String name) {
    String prefix = DESTINATION_PREFIX + name + ".";
    if (!name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new ConfigException(prefix + "endpoint", "destination name must match [a-z0-9-]+");
    }
    Optional<URI> base =
        reader.optional(prefix + "endpoint").map(v -> reader.httpUri(prefix + "endpoint", v));
    Map<String, String> headers = reader.withPrefix(prefix + "header.");
    headers.keySet().forEach(k -> reader.markRead(prefix + "header." + k));
    ForwardProtocol protocol =
        reader.parsed(prefix + "protocol", "http/protobuf", ForwardProtocol::parse);
    String compression = reader.string(prefix + "compression", "gzip");
    if (!compression.equals("gzip") && !compression.equals("none")) {
      throw new ConfigException(prefix + "compression", "expected gzip or none");
    }
    return new DestinationConfig(
        name,
        protocol,
        signalUrl(reader, prefix, "traces", base, protocol),
        signalUrl(reader, prefix, "metrics", base, protocol),
        signalUrl(reader, prefix, "logs", base, protocol),
        headers,
        compression.equals("gzip"),
        (int) Math.min(reader.bytes(prefix + "max-batch-size", "1MiB", 1024), 64L << 20),
        reader.positiveInt(prefix + "max-in-flight", 4),
        reader.millis(prefix + "timeout-ms", 10_000),
        reader.millis(prefix + "initial-backoff-ms", 1_000),
        reader.millis(prefix + "max-backoff-ms", 60_000),
        reader.millis(prefix + "max-retry-time-ms", 0),
        reader.millis(prefix + "pause-recheck-ms", 300_000),
        tls(reader, prefix));
  }

  /**
   * {@code certificate}, {@code client-key} and {@code client-certificate} name PEM files; the same
   * keys with {@code -pem} carry the PEM text; {@code server-name} and {@code insecure-skip-verify}
   * as the Collector's {@code configtls}.
   */
  private static TlsSettings tls(ConfigReader reader, String prefix) {
    TlsSettings.Pem clientKey = pem(reader, prefix + "client-key");
    TlsSettings.Pem clientCertificate = pem(reader, prefix + "client-certificate");
    if ((clientKey == null) != (clientCertificate == null)) {
      throw new ConfigException(
          prefix + "client-key", "client-key and client-certificate go together");
    }
    String skip = reader.string(prefix + "insecure-skip-verify", "false");
    if (!skip.equals("true") && !skip.equals("false")) {
      throw new ConfigException(prefix + "insecure-skip-verify", "expected true or false");
    }
    return new TlsSettings(
        pem(reader, prefix + "certificate"),
        clientKey,
        clientCertificate,
        reader.optional(prefix + "server-name").filter(v -> !v.isBlank()).orElse(null),
        Boolean.parseBoolean(skip));
  }

  /**
   * The PEM file named by {@code key} (it must exist now, so a typo stops start-up) or the text of
   * {@code key-pem}; not both.
   */
  private static TlsSettings.Pem pem(ConfigReader reader, String key) {
    Optional<String> file = reader.optional(key);
    Optional<String> text = reader.optional(key + "-pem");
    if (file.isPresent() && text.isPresent()) {
      throw new ConfigException(key, "set " + key + " or " + key + "-pem, not both");
    }
    if (text.isPresent()) {
      if (!text.get().contains("-----BEGIN ")) {
        throw new ConfigException(key + "-pem", "not PEM text (no -----BEGIN line)");
      }
      return TlsSettings.Pem.text(text.get());
    }
    if (file.isEmpty()) {
      return null;
    }
    Path path = Path.of(file.get());
    if (!Files.isReadable(path)) {
      throw new ConfigException(key, "cannot read file " + path);
    }
    return TlsSettings.Pem.file(path);
  }

  /**
   * A per-signal URL is used as-is; otherwise an OTLP/HTTP base URL gets {@code v1/<signal>} and a
   * gRPC endpoint stays as it is (the service name selects the signal).
   */
  private static URI signalUrl(
      ConfigReader reader,
      String prefix,
      String signal,
      Optional<URI> base,
      ForwardProtocol protocol) {
    String key = prefix + signal + "-endpoint";
    Optional<String> own = reader.optional(key);
    if (own.isPresent()) {
      return reader.httpUri(key, own.get());
    }
    return base.map(
            b ->
                protocol == ForwardProtocol.GRPC
                    ? b
                    : DestinationConfig.signalUrl(b, "v1/" + signal))
        .orElseThrow(() -> new ConfigException(prefix + "endpoint", "is required"));
  }
}
