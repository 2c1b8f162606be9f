package io.k3j.registry.operator;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A standard five-field cron schedule ({@code minute hour day-of-month month day-of-week}) in a
 * time zone, read as a Kubernetes CronJob reads its {@code schedule} and {@code timeZone}
 * (robfig/cron v3 {@code ParseStandard}): lists, ranges, steps, {@code *} and {@code ?}, month and
 * weekday names, weekdays 0-6 from Sunday, the {@code @hourly}-style descriptors; when both day
 * fields are restricted a day matching either fires. The zone is an IANA name; absent means UTC.
 */
final class CronSchedule {
  private static final Map<String, String> DESCRIPTORS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");
  private static final List<String> FIELD_NAMES =
      List.of("minute", "hour", "day of month", "month", "day of week");
  private static final int[] MIN = {0, 0, 1, 1, 0};
  private static final int[] MAX = {59, 23, 31, 12, 6};
  private static final Map<String, Integer> MONTHS =
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
          Map.entry("dec", 12));
  private static final Map<String, Integer> WEEKDAYS =
      Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6);

  /** How far ahead {@link #next} looks before deciding the schedule never fires (Feb 30). */
  private static final int SEARCH_YEARS = 5;

  private final BitSet[] fields;
  private final boolean dayOfMonthAny;
  private final boolean dayOfWeekAny;
  private final ZoneId zone;

  private CronSchedule(BitSet[] fields, boolean domAny, boolean dowAny, ZoneId zone) {
    this.fields = fields;
    this.dayOfMonthAny = domAny;
    this.dayOfWeekAny = dowAny;
    this.zone = zone;
  }

  /**
   * Parses {@code schedule} in {@code timeZone} (null or blank: UTC).
   *
   * @throws IllegalArgumentException naming the field that is wrong
   */
  static CronSchedule parse(String schedule, String timeZone) {
    ZoneId zone = zone(timeZone);
    String spec = schedule == null ? "" : schedule.strip();
    if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
      throw new IllegalArgumentException(
          "spec.schedule: a TZ or CRON_TZ prefix is not supported, use spec.timeZone");
    }
    if (spec.startsWith("@")) {
      String expanded = DESCRIPTORS.get(spec.toLowerCase(Locale.ROOT));
      if (expanded == null) {
        throw new IllegalArgumentException("spec.schedule: unknown descriptor '" + spec + "'");
      }
      spec = expanded;
    }
    String[] parts = spec.isEmpty() ? new String[0] : spec.split("\\s+");
    if (parts.length != 5) {
      throw new IllegalArgumentException(
          "spec.schedule: expected 5 fields (minute hour day-of-month month day-of-week), found "
              + parts.length
              + " in '"
              + schedule
              + "'");
    }
    BitSet[] fields = new BitSet[5];
    boolean[] any = new boolean[5];
    for (int i = 0; i < 5; i++) {
      fields[i] = new BitSet(MAX[i] + 1);
      any[i] = true;
      for (String item : parts[i].split(",", -1)) {
        any[i] &= item(fields[i], item.toLowerCase(Locale.ROOT), i);
      }
    }
    return new CronSchedule(fields, any[2], any[4], zone);
  }

  private static ZoneId zone(String timeZone) {
    if (timeZone == null || timeZone.isBlank()) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(timeZone.strip());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("spec.timeZone: unknown time zone '" + timeZone + "'", e);
    }
  }

  /** Sets the values of one list item; true when it is an unrestricted {@code *} or {@code ?}. */
  private static boolean item(BitSet bits, String item, int field) {
    String[] rangeAndStep = item.split("/", -1);
    if (rangeAndStep.length > 2) {
      throw bad(field, item, "more than one '/'");
    }
    String range = rangeAndStep[0];
    int low;
    int high;
    boolean star = range.equals("*") || range.equals("?");
    if (star) {
      low = MIN[field];
      high = MAX[field];
    } else {
      String[] bounds = range.split("-", -1);
      if (bounds.length > 2) {
        throw bad(field, item, "more than one '-'");
      }
      low = value(bounds[0], field, item);
      high = bounds.length == 2 ? value(bounds[1], field, item) : low;
    }
    int step = 1;
    if (rangeAndStep.length == 2) {
      step = number(rangeAndStep[1], field, item);
      if (step < 1) {
        throw bad(field, item, "step must be positive");
      }
      if (!star && !range.contains("-")) {
        high = MAX[field];
      }
    }
    if (low < MIN[field] || high > MAX[field] || low > high) {
      throw bad(field, item, "outside " + MIN[field] + "-" + MAX[field] + " or reversed");
    }
    for (int v = low; v <= high; v += step) {
      bits.set(v);
    }
    return star && step == 1;
  }

  private static int value(String text, int field, String item) {
    Map<String, Integer> names = field == 3 ? MONTHS : field == 4 ? WEEKDAYS : Map.of();
    Integer named = names.get(text);
    return named != null ? named : number(text, field, item);
  }

  private static int number(String text, int field, String item) {
    if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 4) {
      throw bad(field, item, "'" + text + "' is not a number");
    }
    return Integer.parseInt(text);
  }

  private static IllegalArgumentException bad(int field, String item, String why) {
    return new IllegalArgumentException(
        "spec.schedule: " + FIELD_NAMES.get(field) + " '" + item + "': " + why);
  }

  /** The first time strictly after {@code after} that the schedule fires; empty if never. */
  Optional<Instant> next(Instant after) {
    LocalDateTime t =
        LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    LocalDateTime limit = t.plusYears(SEARCH_YEARS);
    while (t.isBefore(limit)) {
      if (!fields[3].get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
      } else if (!fields[1].get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!fields[0].get(t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        // A local time in a DST gap moves forward; one repeated by an overlap fires once.
        Instant fire = t.atZone(zone).toInstant();
        if (fire.isAfter(after)) {
          return Optional.of(fire);
        }
        t = t.plusMinutes(1);
      }
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDateTime t) {
    boolean dom = fields[2].get(t.getDayOfMonth());
    boolean dow = fields[4].get(t.getDayOfWeek().getValue() % 7);
    return dayOfMonthAny || dayOfWeekAny ? dom && dow : dom || dow;
  }
}
