package io.k3j.telemetry.internal.config;

import java.util.Locale;

/** Parses byte sizes such as {@code 4194304}, {@code 512KiB}, {@code 4MiB}, {@code 2GiB}. */
public final class ByteSizeParser {
  private ByteSizeParser() {}

  public static long parse(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    long multiplier = 1;
    String[][] units = {{"kib", "1024"}, {"mib", "1048576"}, {"gib", "1073741824"}, {"b", "1"}};
    for (String[] unit : units) {
      if (value.endsWith(unit[0])) {
        multiplier = Long.parseLong(unit[1]);
        value = value.substring(0, value.length() - unit[0].length()).trim();
        break;
      }
    }
    try {
      long number = Long.parseLong(value);
      if (number < 0) {
        throw new IllegalArgumentException("size must not be negative: '" + text + "'");
      }
      return Math.multiplyExact(number, multiplier);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "expected a size like 4194304, 512KiB, 4MiB or 2GiB, got '" + text + "'");
    }
  }
}
