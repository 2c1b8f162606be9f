package io.k3j.cron;

import java.util.Locale;
import java.util.Map;

/** The five fields of a standard cron schedule, in order, with their bounds and names. */
public enum CronField {
  MINUTE("minute", 0, 59, Map.of()),
  HOUR("hour", 0, 23, Map.of()),
  DAY_OF_MONTH("day of month", 1, 31, Map.of()),
  MONTH(
      "month",
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
  /** 0-6 from Sunday. */
  DAY_OF_WEEK(
      "day of week",
      0,
      6,
      Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6));

  private final String label;
  private final int min;
  private final int max;
  private final Map<String, Integer> names;

  CronField(String label, int min, int max, Map<String, Integer> names) {
    this.label = label;
    this.min = min;
    this.max = max;
    this.names = names;
  }

  /** How a person names the field: {@code day of month}. */
  public String label() {
    return label;
  }

  public int min() {
    return min;
  }

  public int max() {
    return max;
  }

  /** The value of a month or weekday name (any case), or null. */
  Integer named(String text) {
    return names.get(text.toLowerCase(Locale.ROOT));
  }
}
