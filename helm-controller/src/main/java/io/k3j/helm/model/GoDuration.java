package io.k3j.helm.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Go's {@code time.Duration} text ({@code 300s}, {@code 5m}, {@code 1h30m}, {@code 1.5s}).
 */
public final class GoDuration {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private GoDuration() {}

  /**
   * @throws IllegalArgumentException when the text is not a Go duration
   */
  public static Duration parse(String text) {
    String s = text.strip();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(s);
    int at = 0;
    double nanos = 0;
    while (at < s.length() && m.find(at) && m.start() == at) {
      double n = Double.parseDouble(m.group(1));
      nanos +=
          n
              * switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
              };
      at = m.end();
    }
    if (at == 0 || at != s.length()) {
      throw new IllegalArgumentException("\"" + text + "\" is not a duration such as 300s or 5m");
    }
    return Duration.ofNanos((long) nanos);
  }
}
