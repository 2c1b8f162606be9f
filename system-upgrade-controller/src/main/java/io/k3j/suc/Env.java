package io.k3j.suc;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Typed reads from an environment map; every failure names the variable and its value. */
final class Env {
  private final Map<String, String> values;

  Env(Map<String, String> values) {
    this.values = values;
  }

  String required(String key) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " must be set");
    }
    return value;
  }

  <T> T get(String key, String fallback, Function<String, T> parse) {
    String value = values.getOrDefault(key, fallback);
    try {
      return parse.apply(value.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          key + "=\"" + value + "\" is invalid: " + e.getMessage(), e);
    }
  }

  static long nonNegativeLong(String value) {
    long parsed = Long.parseLong(value);
    if (parsed < 0 || parsed > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("must be between 0 and " + Integer.MAX_VALUE);
    }
    return parsed;
  }

  static boolean bool(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "t" -> true;
      case "false", "0", "f" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }

  static String oneOf(String value, Set<String> allowed) {
    if (!allowed.contains(value)) {
      throw new IllegalArgumentException("must be one of " + allowed.stream().sorted().toList());
    }
    return value;
  }

  static String nonEmpty(String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException("must not be empty");
    }
    return value;
  }
}
