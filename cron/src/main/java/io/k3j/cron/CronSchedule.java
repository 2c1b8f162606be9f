package io.k3j.cron;

import io.k3j.cron.CronSyntaxException.Reason;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A cron schedule as a Kubernetes CronJob reads its {@code schedule}: upstream's parser
 * (robfig/cron v3 {@code ParseStandard}) with five fields ({@code minute hour day-of-month month
 * day-of-week}; lists, ranges, steps, {@code *} and {@code ?}, month and weekday names, weekdays
 * 0-6 from Sunday), the {@code @hourly}-style descriptors, {@code @every <Go duration>} (checked
 * only: it has no calendar times) and a {@code TZ=} or {@code CRON_TZ=} prefix. When both day
 * fields are restricted a day matching either fires; a field holding a {@code *} or {@code ?} item
 * without a step is unrestricted.
 */
public final class CronSchedule {
  private static final Map<String, String> DESCRIPTORS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");
  private static final String EVERY = "@every ";
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

  /** Go's {@code time.ParseDuration} format: signed decimal numbers with units. */
  private static final Pattern GO_DURATION =
      Pattern.compile("[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)");

  private static final CronField[] FIELDS = CronField.values();

  /** How far ahead {@link #next} looks before deciding the schedule never fires (Feb 30). */
  private static final int SEARCH_YEARS = 5;

  private final BitSet[] allowed;
  private final boolean dayOfMonthStar;
  private final boolean dayOfWeekStar;
  private final ZoneId zone;

  /** {@code allowed} is null for an {@code @every} schedule. */
  private CronSchedule(BitSet[] allowed, boolean domStar, boolean dowStar, ZoneId zone) {
    this.allowed = allowed;
    this.dayOfMonthStar = domStar;
    this.dayOfWeekStar = dowStar;
    this.zone = zone;
  }

  /**
   * Parses {@code spec}, read in {@code zone} unless it starts with its own {@code TZ=}.
   *
   * @throws CronSyntaxException with the first error upstream's parser reports
   */
  public static CronSchedule parse(String spec, ZoneId zone) {
    if (spec.isEmpty()) {
      throw CronSyntaxException.of(Reason.EMPTY, spec, "");
    }
    String rest = spec;
    if (rest.startsWith("TZ=") || rest.startsWith("CRON_TZ=")) {
      int space = rest.indexOf(' ');
      int equals = rest.indexOf('=');
      String name = space < 0 ? rest.substring(equals + 1) : rest.substring(equals + 1, space);
      try {
        zone = ZoneId.of(name);
      } catch (DateTimeException e) {
        throw CronSyntaxException.of(Reason.BAD_ZONE, spec, name);
      }
      rest = space < 0 ? "" : rest.substring(space).strip();
    }
    if (rest.startsWith(EVERY)) {
      String text = rest.substring(EVERY.length());
      if (!GO_DURATION.matcher(text).matches()) {
        throw CronSyntaxException.of(Reason.BAD_DURATION, rest, text);
      }
      return new CronSchedule(null, false, false, zone);
    }
    String fields = rest;
    if (rest.startsWith("@")) {
      fields = DESCRIPTORS.get(rest);
      if (fields == null) {
        throw CronSyntaxException.of(Reason.UNKNOWN_DESCRIPTOR, rest, "");
      }
    }
    String[] parts = fields.isBlank() ? new String[0] : fields.strip().split("\\s+");
    if (parts.length != FIELDS.length) {
      throw CronSyntaxException.fieldCount(spec, List.of(parts));
    }
    BitSet[] allowed = new BitSet[FIELDS.length];
    boolean[] star = new boolean[FIELDS.length];
    for (int i = 0; i < FIELDS.length; i++) {
      allowed[i] = new BitSet(FIELDS[i].max() + 1);
      for (String item : parts[i].split(",", -1)) {
        star[i] |= item(allowed[i], item, FIELDS[i]);
      }
    }
    return new CronSchedule(allowed, star[2], star[4], zone);
  }

  /** Sets the values of one list item; true when it is a {@code *} or {@code ?} with no step. */
  private static boolean item(BitSet bits, String item, CronField field) {
    String[] rangeAndStep = item.split("/", -1);
    String[] lowAndHigh = rangeAndStep[0].split("-", -1);
    boolean star = lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?");
    long start = field.min();
    long end = field.max();
    if (!star) {
      start = value(lowAndHigh[0], field, item);
      if (lowAndHigh.length > 2) {
        throw CronSyntaxException.inField(Reason.TOO_MANY_HYPHENS, field, item, "", start, 0);
      }
      end = lowAndHigh.length == 2 ? value(lowAndHigh[1], field, item) : start;
    }
    long step = 1;
    if (rangeAndStep.length > 2) {
      throw CronSyntaxException.inField(Reason.TOO_MANY_SLASHES, field, item, "", start, end);
    }
    if (rangeAndStep.length == 2) {
      step = number(rangeAndStep[1], field, item);
      if (lowAndHigh.length == 1) {
        end = field.max();
      }
    }
    if (start < field.min()) {
      throw CronSyntaxException.inField(Reason.BELOW_MINIMUM, field, item, "", start, end);
    }
    if (end > field.max()) {
      throw CronSyntaxException.inField(Reason.ABOVE_MAXIMUM, field, item, "", start, end);
    }
    if (start > end) {
      throw CronSyntaxException.inField(Reason.REVERSED_RANGE, field, item, "", start, end);
    }
    if (step == 0) {
      throw CronSyntaxException.inField(Reason.ZERO_STEP, field, item, "", start, end);
    }
    long stride = Math.min(step, field.max() + 1L); // the same values, without overflow
    for (long v = start; v <= end; v += stride) {
      bits.set((int) v);
    }
    return star && step == 1;
  }

  /** A month or weekday name, or a number. */
  private static long value(String text, CronField field, String item) {
    Integer named = field.named(text);
    return named != null ? named : number(text, field, item);
  }

  /** A non-negative integer, as Go's {@code strconv.Atoi} reads it. */
  private static long number(String text, CronField field, String item) {
    long value;
    try {
      if (!INTEGER.matcher(text).matches()) {
        throw new NumberFormatException(text);
      }
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw CronSyntaxException.inField(Reason.NOT_A_NUMBER, field, item, text, 0, 0);
    }
    if (value < 0) {
      throw CronSyntaxException.inField(Reason.NEGATIVE_NUMBER, field, item, text, value, 0);
    }
    return value;
  }

  /** The zone the schedule is read in. */
  public ZoneId zone() {
    return zone;
  }

  /**
   * The first time strictly after {@code after} that the schedule fires; empty if never.
   *
   * @throws UnsupportedOperationException for an {@code @every} schedule, which is checked here but
   *     whose interval only the CronJob controller reads
   */
  public Optional<Instant> next(Instant after) {
    if (allowed == null) {
      throw new UnsupportedOperationException("an @every schedule has no calendar times");
    }
    LocalDateTime t =
        LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    LocalDateTime limit = t.plusYears(SEARCH_YEARS);
    while (t.isBefore(limit)) {
      if (!allowed[3].get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
      } else if (!allowed[1].get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!allowed[0].get(t.getMinute())) {
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
    boolean dom = allowed[2].get(t.getDayOfMonth());
    boolean dow = allowed[4].get(t.getDayOfWeek().getValue() % 7);
    return dayOfMonthStar || dayOfWeekStar ? dom && dow : dom || dow;
  }
}
