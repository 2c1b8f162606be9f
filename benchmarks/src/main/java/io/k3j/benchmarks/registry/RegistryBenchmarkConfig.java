package io.k3j.benchmarks.registry;

import io.k3j.benchmarks.Settings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

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
 * @param cells which measurements run, a subset of {@link #CELLS}; e.g. only {@code cached} to
 *     compare the cached pulls of two builds back to back (the images are then pulled once,
 *     unmeasured, to fill the caches)
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
    Path dir,
    Set<String> cells) {

  /** The measurements, in the order they run. */
  static final List<String> CELLS = List.of("cold", "cached", "herd", "offline");

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

  public RegistryBenchmarkConfig {
    cells = Set.copyOf(cells);
  }

  boolean runs(String cell) {
    return cells.contains(cell);
  }

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
    d.put("cells", String.join(",", CELLS));
    return d;
  }

  /**
   * Defaults, then {@code --quick}, then {@code k3j.bench.*} system properties, then flags.
   *
   * @throws IllegalArgumentException naming the flag or key that is wrong
   */
  public static RegistryBenchmarkConfig fromArgs(List<String> args, Properties system) {
    return from(Settings.fromArgs(args, system, DEFAULTS, QUICK));
  }

  /** The defaults with {@code overrides} applied; unknown keys are an error. */
  public static RegistryBenchmarkConfig fromMap(Map<String, String> overrides) {
    return from(Settings.of(DEFAULTS, overrides));
  }

  private static RegistryBenchmarkConfig from(Settings v) {
    return new RegistryBenchmarkConfig(
        v.bytes("big-bytes"),
        v.positiveInt("layers"),
        v.bytes("layer-bytes"),
        v.positiveInt("clients"),
        v.positiveInt("herd-layers"),
        v.bytes("herd-layer-bytes"),
        v.positiveInt("rounds"),
        v.positiveInt("offline-samples"),
        v.positiveInt("streams"),
        v.flag("verify-digests"),
        v.path("dir"),
        v.subset("cells", CELLS));
  }
}
