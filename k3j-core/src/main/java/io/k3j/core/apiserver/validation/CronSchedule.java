package io.k3j.core.apiserver.validation;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses a CronJob schedule the way upstream's parser (robfig/cron v3 {@code ParseStandard}) does
 * and returns its error text: five fields, {@code @hourly}-style descriptors, {@code @every}, and a
 * {@code TZ=} or {@code CRON_TZ=} prefix.
 */
final class CronSchedule {
  private record Bounds(int min, int max, Map<String, Integer> names) {}

  private static final List<String> DESCRIPTORS =
      List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
  private static final List<Bounds> FIELDS =
      List.of(
          new Bounds(0, 59, Map.of()),
          new Bounds(0, 23, Map.of()),
          new Bounds(1, 31, Map.of()),
          new Bounds(
              1,
              12,
              Map.ofEntries(
                  Map.entry("jan", 1),
                  Map.entry("feb", 2),
                  Map.entry("mar", 3),
                  Map.entry("apr", 4),
                  Map.entry("may", 5),
                  Map.entry("jun", 6),
                  Map.entry("jul", 7),
                  Map.entry("aug", 8),
                  Map.entry("sep", 9),
                  Map.entry("oct", 10),
                  Map.entry("nov", 11),
                  Map.entry("dec", 12))),
          new Bounds(
              0, 6, Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6)));

  /** Go's {@code time.ParseDuration} format: signed decimal numbers with units. */
  private static final Pattern GO_DURATION =
      Pattern.compile("[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)");

  private CronSchedule() {}

  /** The parser's error for {@code spec}, empty when it parses. */
  static Optional<String> error(String spec) {
    if (spec.isEmpty()) {
      return Optional.of("empty spec string");
    }
    if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
      int space = spec.indexOf(' ');
      int equals = spec.indexOf('=');
      String zone = space < 0 ? spec.substring(equals + 1) : spec.substring(equals + 1, space);
      try {
        ZoneId.of(zone);
      } catch (DateTimeException e) {
        return Optional.of("provided bad location " + zone + ": unknown time zone " + zone);
      }
      spec = space < 0 ? "" : spec.substring(space).strip();
    }
    if (spec.startsWith("@")) {
      return descriptor(spec);
    }
    String[] fields = spec.isBlank() ? new String[0] : spec.strip().split("\\s+");
    if (fields.length != 5) {
      return Optional.of(
          "expected exactly 5 fields, found "
              + fields.length
              + ": ["
              + String.join(" ", fields)
              + "]");
    }
    for (int i = 0; i < fields.length; i++) {
      for (String range : fields[i].split(",", -1)) {
        Optional<String> error = range(range, FIELDS.get(i));
        if (error.isPresent()) {
          return error;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> descriptor(String spec) {
    if (DESCRIPTORS.contains(spec)) {
      return Optional.empty();
    }
    if (spec.startsWith("@every ")) {
      String duration = spec.substring("@every ".length());
      return GO_DURATION.matcher(duration).matches()
          ? Optional.empty()
          : Optional.of(
              "failed to parse duration "
                  + spec
                  + ": time: invalid duration "
                  + FieldErrors.quote(duration));
    }
    return Optional.of("unrecognized descriptor: " + spec);
  }

  private static Optional<String> range(String expr, Bounds bounds) {
    String[] rangeAndStep = expr.split("/", -1);
    String[] lowAndHigh = rangeAndStep[0].split("-", -1);
    long start;
    long end;
    if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
      start = bounds.min();
      end = bounds.max();
    } else {
      try {
        start = number(lowAndHigh[0], bounds);
        if (lowAndHigh.length > 2) {
          return Optional.of("too many hyphens: " + expr);
        }
        end = lowAndHigh.length == 2 ? number(lowAndHigh[1], bounds) : start;
      } catch (IllegalArgumentException e) {
        return Optional.of(e.getMessage());
      }
    }
    long step = 1;
    if (rangeAndStep.length > 2) {
      return Optional.of("too many slashes: " + expr);
    }
    if (rangeAndStep.length == 2) {
      try {
        step = number(rangeAndStep[1], new Bounds(0, 0, Map.of()));
      } catch (IllegalArgumentException e) {
        return Optional.of(e.getMessage());
      }
      if (lowAndHigh.length == 1) {
        end = bounds.max();
      }
    }
    if (start < bounds.min()) {
      return Optional.of(
          "beginning of range (" + start + ") below minimum (" + bounds.min() + "): " + expr);
    }
    if (end > bounds.max()) {
      return Optional.of(
          "end of range (" + end + ") above maximum (" + bounds.max() + "): " + expr);
    }
    if (start > end) {
      return Optional.of(
          "beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
    }
    if (step == 0) {
      return Optional.of("step of range should be a positive number: " + expr);
    }
    return Optional.empty();
  }

  /** A month or weekday name, or a non-negative integer, as the parser reads them. */
  private static long number(String text, Bounds bounds) {
    Integer named = bounds.names().get(text.toLowerCase(Locale.ROOT));
    if (named != null) {
      return named;
    }
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "failed to parse int from "
              + text
              + ": strconv.Atoi: parsing "
              + FieldErrors.quote(text)
              + ": invalid syntax");
    }
    if (value < 0) {
      throw new IllegalArgumentException("negative number (" + value + ") not allowed: " + text);
    }
    return value;
  }
}
