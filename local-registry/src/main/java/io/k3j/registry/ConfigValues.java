package io.k3j.registry;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typed reads of string settings; every failure names the key. */
final class ConfigValues {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]i?b?|b)?");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final Map<String, String> settings;

  ConfigValues(Map<String, String> settings) {
    this.settings = Map.copyOf(settings);
  }

  String string(String key, String fallback) {
    String value = settings.get(key);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  String required(String key) {
    String value = settings.get(key);
    if (value == null || value.isBlank()) {
      throw new ConfigException(key, "is required");
    }
    return value.trim();
  }

  List<String> list(String key) {
    String value = settings.get(key);
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  java.util.Optional<java.nio.file.Path> readableFile(String key) {
    String value = string(key, null);
    if (value == null) {
      return java.util.Optional.empty();
    }
    java.nio.file.Path path = java.nio.file.Path.of(value);
    if (!java.nio.file.Files.isReadable(path)) {
      throw new ConfigException(key, "cannot read " + value);
    }
    return java.util.Optional.of(path);
  }

  int port(String key, String value) {
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65535) {
        throw new ConfigException(key, "port out of range: " + value);
      }
      return port;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "port is not a number: " + value);
    }
  }

  boolean bool(String key, boolean fallback) {
    String value = string(key, null);
    if (value == null) {
      return fallback;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(key, "expected true or false, got " + value);
    };
  }

  /** Bytes with an optional unit: 512, 10k, 20MB, 1Gi (binary multiples). */
  long size(String key, long fallback) {
    String value = string(key, null);
    if (value == null) {
      return fallback;
    }
    Matcher m = SIZE.matcher(value.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new ConfigException(key, "expected a size like 512, 100Mi or 20Gi, got " + value);
    }
    long number = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    int shift =
        switch (unit.charAt(0)) {
          case 'k' -> 10;
          case 'm' -> 20;
          case 'g' -> 30;
          case 't' -> 40;
          default -> 0;
        };
    return number << shift;
  }

  Duration duration(String key, Duration fallback) {
    String value = string(key, null);
    if (value == null) {
      return fallback;
    }
    Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new ConfigException(
          key, "expected a duration like 500ms, 30s, 10m or 1h, got " + value);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
