package io.k3j.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, immutable configuration of the local registry. Built in one place from flags, a config
 * file or a map; a bad value fails with a {@link ConfigException} naming its key.
 *
 * @param listenHost interface to bind
 * @param listenPort TCP port (0 picks a free port)
 * @param dataDir blobs, uploads and the SQLite index live here
 * @param upstreams upstream registries by name, in configuration order
 * @param defaultUpstream the upstream used when neither {@code ns} nor a path prefix selects one
 * @param maxDiskBytes blob bytes kept on disk before LRU eviction; 0 means unbounded
 * @param readOnly refuse pushes and deletes (pull-through still fills the cache)
 * @param maxManifestBytes manifests larger than this are refused with 413
 * @param tagDeadline how long a cached tag waits for upstream re-resolution before it is served
 * @param upstreamTimeout how long a request for uncached content waits for upstream headers
 * @param gcGrace unreferenced blobs younger than this are kept (uploads before their manifest)
 * @param gcInterval period of garbage collection and eviction
 * @param tlsCertFile PEM certificate chain; with {@code tlsKeyFile} the listener speaks HTTPS
 * @param tlsKeyFile PEM (PKCS#8) private key of {@code tlsCertFile}
 */
public record RegistryConfig(
    String listenHost,
    int listenPort,
    Path dataDir,
    Map<String, UpstreamConfig> upstreams,
    Optional<String> defaultUpstream,
    long maxDiskBytes,
    boolean readOnly,
    int maxManifestBytes,
    Duration tagDeadline,
    Duration upstreamTimeout,
    Duration gcGrace,
    Duration gcInterval,
    Optional<Path> tlsCertFile,
    Optional<Path> tlsKeyFile) {

  public static final String LISTEN = "listen";
  public static final String DATA_DIR = "data-dir";
  public static final String UPSTREAM = "upstream";
  public static final String MAX_DISK = "max-disk";
  public static final String READ_ONLY = "read-only";
  public static final String MAX_MANIFEST_SIZE = "max-manifest-size";
  public static final String TAG_DEADLINE = "tag-deadline";
  public static final String UPSTREAM_TIMEOUT = "upstream-timeout";
  public static final String GC_GRACE = "gc-grace";
  public static final String GC_INTERVAL = "gc-interval";
  public static final String TLS_CERT_FILE = "tls-cert-file";
  public static final String TLS_KEY_FILE = "tls-key-file";

  public RegistryConfig {
    if (tlsCertFile.isPresent() != tlsKeyFile.isPresent()) {
      throw new ConfigException(
          tlsCertFile.isPresent() ? TLS_KEY_FILE : TLS_CERT_FILE,
          "tls-cert-file and tls-key-file go together");
    }
    upstreams = Collections.unmodifiableMap(new LinkedHashMap<>(upstreams));
    if (defaultUpstream.isPresent() && !upstreams.containsKey(defaultUpstream.get())) {
      throw new ConfigException(
          UPSTREAM, "default upstream '" + defaultUpstream.get() + "' is not defined");
    }
  }

  /**
   * Builds the config from string settings. {@code upstream} is a comma-separated list of {@code
   * URL} (the default upstream, at most one) or {@code NAME=URL}; credentials come from {@code
   * upstream.NAME.username} and {@code upstream.NAME.password}; TLS from {@code
   * upstream.NAME.ca-file} and {@code upstream.NAME.insecure-skip-verify}.
   */
  public static RegistryConfig fromMap(Map<String, String> settings) {
    ConfigValues values = new ConfigValues(settings);
    String listen = values.string(LISTEN, "0.0.0.0:5000");
    int colon = listen.lastIndexOf(':');
    if (colon < 0) {
      throw new ConfigException(LISTEN, "expected HOST:PORT, got " + listen);
    }
    String host = listen.substring(0, colon).replace("[", "").replace("]", "");
    int port = values.port(LISTEN, listen.substring(colon + 1));
    Path dataDir = Path.of(values.required(DATA_DIR));

    Map<String, UpstreamConfig> upstreams = new LinkedHashMap<>();
    Optional<String> defaultUpstream = Optional.empty();
    for (String entry : values.list(UPSTREAM)) {
      UpstreamConfig upstream = UpstreamConfig.parse(UPSTREAM, entry);
      String prefix = UPSTREAM + "." + upstream.name() + ".";
      upstream =
          upstream.withCredentials(
              settings.get(prefix + "username"), settings.get(prefix + "password"));
      Optional<Path> ca =
          Optional.ofNullable(values.string(prefix + "ca-file", null)).map(Path::of);
      if (ca.isPresent() && !java.nio.file.Files.isReadable(ca.get())) {
        throw new ConfigException(prefix + "ca-file", "cannot read " + ca.get());
      }
      upstream = upstream.withTls(ca, values.bool(prefix + "insecure-skip-verify", false));
      if (upstreams.putIfAbsent(upstream.name(), upstream) != null) {
        throw new ConfigException(UPSTREAM, "upstream '" + upstream.name() + "' given twice");
      }
      if (!entry.contains("=")) {
        if (defaultUpstream.isPresent()) {
          throw new ConfigException(UPSTREAM, "more than one upstream without a NAME=");
        }
        defaultUpstream = Optional.of(upstream.name());
      }
    }
    return new RegistryConfig(
        host,
        port,
        dataDir,
        upstreams,
        defaultUpstream,
        values.size(MAX_DISK, 0),
        values.bool(READ_ONLY, false),
        (int) Math.min(Integer.MAX_VALUE, values.size(MAX_MANIFEST_SIZE, 4L * 1024 * 1024)),
        values.duration(TAG_DEADLINE, Duration.ofMillis(500)),
        values.duration(UPSTREAM_TIMEOUT, Duration.ofSeconds(30)),
        values.duration(GC_GRACE, Duration.ofHours(1)),
        values.duration(GC_INTERVAL, Duration.ofMinutes(10)),
        values.readableFile(TLS_CERT_FILE),
        values.readableFile(TLS_KEY_FILE));
  }
}
