package io.k3j.benchmarks.registry;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Settings of one registry benchmark run, from {@code --key=value} flags, {@code
 * -Dk3j.bench.key=value} system properties and the {@code --quick} preset. A bad value stops the
 * run with a message naming the key.
 *
 * @param bigBytes size of the single-layer image
 * @param layers layer count of the many-layer image
 * @param layerBytes size of each of its layers
 * @param clients concurrent clients of the cold "herd" pull
 * @param herdLayers layer count of the herd image
 * @param herdLayerBytes size of each of its layers
 * @param rounds measured cached pulls of each image per registry (after one unmeasured pull)
 * @param offlineSamples cached tag requests timed with the upstream stopped
 * @param streams concurrent layer downloads of one pull (containerd's default is 3)
 * @param verifyDigests hash every blob the client receives (costs client CPU; for smoke tests)
 * @param dir where the registries keep their data (a real disk)
 */
public record RegistryBenchmarkConfig(
    long bigBytes,
    int layers,
    long layerBytes,
    int clients,
    int herdLayers,
    long herdLayerBytes,
    int rounds,
    int offlineSamples,
    int streams,
    boolean verifyDigests,
    Path dir) {

  /** The keys {@link #fromMap} understands, with their defaults. */
  static final Map<String, String> DEFAULTS = defaults();

  /** What {@code --quick} changes: a run of under a minute. */
  static final Map<String, String> QUICK =
      Map.of(
          "big-bytes", "64Mi",
          "layers", "20",
          "layer-bytes", "256Ki",
          "clients", "8",
          "herd-layers", "4",
          "herd-layer-bytes", "1Mi",
          "rounds", "2",
          "offline-samples", "100");

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("big-bytes", "1Gi");
    d.put("layers", "200");
    d.put("layer-bytes", "1Mi");
    d.put("clients", "50");
    d.put("herd-layers", "10");
    d.put("herd-layer-bytes", "8Mi");
    d.put("rounds", "3");
    d.put("offline-samples", "500");
    d.put("streams", "3");
    d.put("verify-digests", "false");
    d.put("dir", System.getProperty("java.io.tmpdir"));
    return d;
  }

  /**
   * Defaults, then {@code --quick}, then {@code k3j.bench.*} system properties, then flags.
   *
   * @throws IllegalArgumentException naming the flag or key that is wrong
   */
  public static RegistryBenchmarkConfig fromArgs(List<String> args, Properties system) {
    Map<String, String> values = new LinkedHashMap<>();
    boolean quick = false;
    for (String name : system.stringPropertyNames()) {
      if (name.startsWith("k3j.bench.")) {
        values.put(name.substring("k3j.bench.".length()), system.getProperty(name));
      }
    }
    for (String arg : args) {
      if (arg.equals("--quick")) {
        quick = true;
        continue;
      }
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("unknown argument " + arg + " (expected --key=value)");
      }
      values.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    Map<String, String> merged = new LinkedHashMap<>(quick ? QUICK : Map.of());
    merged.putAll(values);
    return fromMap(merged);
  }

  /** The defaults with {@code overrides} applied; unknown keys are an error. */
  public static RegistryBenchmarkConfig fromMap(Map<String, String> overrides) {
    for (String key : overrides.keySet()) {
      if (!DEFAULTS.containsKey(key)) {
        throw new IllegalArgumentException(
            "unknown setting " + key + " (known: " + String.join(", ", DEFAULTS.keySet()) + ")");
      }
    }
    Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
    v.putAll(overrides);
    String verify = v.get("verify-digests").trim().toLowerCase(Locale.ROOT);
    if (!verify.equals("true") && !verify.equals("false")) {
      throw new IllegalArgumentException("verify-digests=" + verify + " must be true or false");
    }
    return new RegistryBenchmarkConfig(
        bytes(v, "big-bytes"),
        (int) positive(v, "layers"),
        bytes(v, "layer-bytes"),
        (int) positive(v, "clients"),
        (int) positive(v, "herd-layers"),
        bytes(v, "herd-layer-bytes"),
        (int) positive(v, "rounds"),
        (int) positive(v, "offline-samples"),
        (int) positive(v, "streams"),
        verify.equals("true"),
        Path.of(v.get("dir")));
  }

  /** {@code 1048576}, {@code 256Ki}, {@code 1Mi} or {@code 1Gi}. */
  private static long bytes(Map<String, String> v, String key) {
    String text = v.get(key).trim();
    int shift = 0;
    if (text.endsWith("Ki") || text.endsWith("Mi") || text.endsWith("Gi")) {
      shift = "KMG".indexOf(text.charAt(text.length() - 2)) * 10 + 10;
      text = text.substring(0, text.length() - 2);
    }
    return positive(Map.of(key, text), key) << shift;
  }

  private static long positive(Map<String, String> v, String key) {
    try {
      long n = Long.parseLong(v.get(key).trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        key + "=" + v.get(key) + " must be a positive number (sizes may end in Ki, Mi or Gi)");
  }
}
