package io.k3j.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A harness's settings as text, resolved once for every harness: the defaults, then the {@code
 * --quick} preset, then {@code k3j.bench.*} system properties, then {@code --key=value} flags.
 * Unknown keys and bad values stop the run with a message naming the key.
 */
public final class Settings {
  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = values;
  }

  /** Resolves {@code args} (and {@code system} properties) over the presets. */
  public static Settings fromArgs(
      List<String> args,
      Properties system,
      Map<String, String> defaults,
      Map<String, String> quick) {
    Map<String, String> given = new LinkedHashMap<>();
    boolean isQuick = false;
    for (String name : system.stringPropertyNames()) {
      if (name.startsWith("k3j.bench.")) {
        given.put(name.substring("k3j.bench.".length()), system.getProperty(name));
      }
    }
    for (String arg : args) {
      if (arg.equals("--quick")) {
        isQuick = true;
        continue;
      }
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("unknown argument " + arg + " (expected --key=value)");
      }
      given.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    Map<String, String> merged = new LinkedHashMap<>(isQuick ? quick : Map.of());
    merged.putAll(given);
    return of(defaults, merged);
  }

  /** The defaults with {@code overrides} applied; unknown keys are an error. */
  public static Settings of(Map<String, String> defaults, Map<String, String> overrides) {
    for (String key : overrides.keySet()) {
      if (!defaults.containsKey(key)) {
        throw new IllegalArgumentException(
            "unknown setting " + key + " (known: " + String.join(", ", defaults.keySet()) + ")");
      }
    }
    Map<String, String> values = new LinkedHashMap<>(defaults);
    values.putAll(overrides);
    return new Settings(values);
  }

  public String text(String key) {
    return values.get(key).trim();
  }

  public Path path(String key) {
    return Path.of(text(key));
  }

  /** {@code 10s}, {@code 500ms}, {@code 2m}, or an ISO-8601 duration such as {@code PT10S}. */
  public Duration duration(String key, boolean zeroAllowed) {
    String text = text(key).toLowerCase(Locale.ROOT);
    Duration d;
    try {
      if (text.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      } else if (text.endsWith("s") && !text.startsWith("p")) {
        d = Duration.ofMillis(Math.round(Double.parseDouble(text.replace("s", "")) * 1_000));
      } else if (text.endsWith("m") && !text.startsWith("p")) {
        d = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)) * 60);
      } else {
        d = Duration.parse(text.toUpperCase(Locale.ROOT));
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          key + "=" + values.get(key) + " is not a duration (examples: 10s, 500ms, 2m)", e);
    }
    if (d.isNegative() || (d.isZero() && !zeroAllowed)) {
      throw new IllegalArgumentException(key + "=" + values.get(key) + " must be positive");
    }
    return d;
  }

  public int positiveInt(String key) {
    return positiveInt(key, text(key));
  }

  /** A comma-separated list of positive integers such as {@code 1,16,64}. */
  public List<Integer> counts(String key) {
    List<Integer> result = new ArrayList<>();
    for (String part : text(key).split(",")) {
      result.add(positiveInt(key, part.trim()));
    }
    return result;
  }

  /**
   * A comma-separated subset of {@code allowed} such as {@code cold,cached}, in the given order.
   */
  public Set<String> subset(String key, List<String> allowed) {
    Set<String> result = new LinkedHashSet<>();
    for (String part : text(key).split(",")) {
      if (!allowed.contains(part.trim())) {
        throw new IllegalArgumentException(
            key + "=" + text(key) + ": " + part.trim() + " is not one of " + allowed);
      }
      result.add(part.trim());
    }
    return result;
  }

  /** {@code 1048576}, {@code 256Ki}, {@code 1Mi} or {@code 1Gi}. */
  public long bytes(String key) {
    String text = text(key);
    int shift = 0;
    if (text.endsWith("Ki") || text.endsWith("Mi") || text.endsWith("Gi")) {
      shift = "KMG".indexOf(text.charAt(text.length() - 2)) * 10 + 10;
      text = text.substring(0, text.length() - 2);
    }
    try {
      long n = Long.parseLong(text);
      if (n > 0) {
        return n << shift;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        key + "=" + values.get(key) + " must be a positive number (sizes may end in Ki, Mi or Gi)");
  }

  public boolean flag(String key) {
    String text = text(key).toLowerCase(Locale.ROOT);
    if (!text.equals("true") && !text.equals("false")) {
      throw new IllegalArgumentException(key + "=" + text + " must be true or false");
    }
    return text.equals("true");
  }

  private static int positiveInt(String key, String text) {
    try {
      int n = Integer.parseInt(text.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(key + "=" + text + " must be a positive integer");
  }
}
