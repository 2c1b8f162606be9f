package io.k3j.telemetry.internal.config;

import io.k3j.telemetry.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Typed reads from a flat key/value map. Every failure names its key; keys never read are reported
 * by {@link #rejectUnknownKeys()} so a typo stops start-up instead of being ignored.
 */
public final class ConfigReader {
  private final Map<String, String> values;
  private final Set<String> read = new HashSet<>();

  public ConfigReader(Map<String, String> values) {
    this.values = new TreeMap<>(values);
  }

  public Optional<String> optional(String key) {
    read.add(key);
    String value = values.get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String string(String key, String defaultValue) {
    return optional(key).orElse(defaultValue);
  }

  public <T> T parsed(String key, String defaultValue, Function<String, T> parser) {
    String text = string(key, defaultValue);
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, e.getMessage());
    }
  }

  public long bytes(String key, String defaultValue, long min) {
    long value = parsed(key, defaultValue, ByteSizeParser::parse);
    if (value < min) {
      throw new ConfigException(key, "must be at least " + min + " bytes, got " + value);
    }
    return value;
  }

  public int positiveInt(String key, int defaultValue) {
    int value = parsed(key, Integer.toString(defaultValue), Integer::parseInt);
    if (value <= 0) {
      throw new ConfigException(key, "must be positive, got " + value);
    }
    return value;
  }

  /** Milliseconds as a plain integer, like {@code OTEL_EXPORTER_OTLP_TIMEOUT}. */
  public Duration millis(String key, long defaultMillis) {
    long value = parsed(key, Long.toString(defaultMillis), Long::parseLong);
    if (value < 0) {
      throw new ConfigException(key, "must not be negative, got " + value);
    }
    return Duration.ofMillis(value);
  }

  public URI httpUri(String key, String value) {
    read.add(key);
    try {
      URI uri = new URI(value);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new ConfigException(key, "must be an http or https URL, got '" + value + "'");
      }
      if (uri.getHost() == null) {
        throw new ConfigException(key, "has no host: '" + value + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(key, "is not a URL: " + e.getMessage());
    }
  }

  /** Keys under {@code prefix}, with the prefix removed. Marks them as known. */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> result = new TreeMap<>();
    values.forEach(
        (key, value) -> {
          if (key.startsWith(prefix)) {
            result.put(key.substring(prefix.length()), value);
          }
        });
    return result;
  }

  public void markRead(String key) {
    read.add(key);
  }

  public void rejectUnknownKeys() {
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(read);
    if (!unknown.isEmpty()) {
      String first = unknown.iterator().next();
      throw new ConfigException(first, "unknown setting");
    }
  }
}
