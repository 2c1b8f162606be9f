package io.k3j.telemetry.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Config maps for buffers under test: loopback, ephemeral ports, fast retries. */
public final class Buffers {
  private Buffers() {}

  public static Map<String, String> config(Path dataDir) {
    Map<String, String> map = new HashMap<>();
    map.put("data-dir", dataDir.toString());
    map.put("http-listen", "127.0.0.1:0");
    map.put("grpc-listen", "127.0.0.1:0");
    map.put("min-free-disk", "0");
    return map;
  }

  public static Map<String, String> withDestination(Path dataDir, String name, String url) {
    Map<String, String> map = config(dataDir);
    String prefix = "destination." + name + ".";
    map.put(prefix + "endpoint", url);
    map.put(prefix + "initial-backoff-ms", "20");
    map.put(prefix + "max-backoff-ms", "100");
    map.put(prefix + "pause-recheck-ms", "100");
    return map;
  }
}
