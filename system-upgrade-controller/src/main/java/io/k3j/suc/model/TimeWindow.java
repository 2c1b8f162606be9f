package io.k3j.suc.model;

import io.k3j.crds.upgrade.v1.TimeWindowSpec;
import io.k3j.crds.upgrade.v1.WindowDay;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plan's {@code spec.window} with kured's semantics: today's weekday must be listed; start and
 * end are inclusive (end to the last nanosecond of its second); a start after the end wraps past
 * midnight.
 */
public record TimeWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {
  private static final Pattern TIME =
      Pattern.compile(
          "(\\d{1,2})(?::(\\d{2}))?(?::(\\d{2}))?\\s*([ap]m)?", Pattern.CASE_INSENSITIVE);

  /** Parses the spec; throws {@link IllegalArgumentException} with kured-style detail. */
  public static TimeWindow of(TimeWindowSpec spec) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    if (spec.getDays() != null) {
      spec.getDays().forEach(d -> days.add(d.dayOfWeek()));
    }
    ZoneId zone;
    try {
      String tz = spec.getTimeZone();
      zone = tz == null || tz.isEmpty() || tz.equals("UTC") ? ZoneOffset.UTC : ZoneId.of(tz);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown time zone " + spec.getTimeZone(), e);
    }
    return new TimeWindow(days, time(spec.getStartTime()), time(spec.getEndTime()), zone);
  }

  /** A day name as kured reads it: case-insensitive, or "0".."6" from Sunday. */
  public static DayOfWeek day(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (WindowDay day : WindowDay.values()) {
      if (day.value().equals(lower)) {
        return day.dayOfWeek();
      }
    }
    throw new IllegalArgumentException("invalid weekday: " + name);
  }

  /** Times as kured accepts them: 15:04, 15:04:05, 03:04pm, 15, 03pm, 3pm. */
  static LocalTime time(String text) {
    Matcher m = TIME.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid time format: " + text);
    }
    int hour = Integer.parseInt(m.group(1));
    int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    int second = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    String ampm = m.group(4);
    if (ampm != null) {
      if (hour < 1 || hour > 12 || m.group(3) != null) {
        throw new IllegalArgumentException("invalid time format: " + text);
      }
      hour = hour % 12 + (ampm.equalsIgnoreCase("pm") ? 12 : 0);
    }
    try {
      return LocalTime.of(hour, minute, second);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("invalid time format: " + text, e);
    }
  }

  /** Whether {@code now} falls inside the window. */
  public boolean contains(Instant now) {
    ZonedDateTime local = now.atZone(zone);
    if (!days.contains(local.getDayOfWeek())) {
      return false;
    }
    ZonedDateTime from = local.with(start).withNano(0);
    ZonedDateTime to = local.with(end).withNano(999_999_999);
    if (from.isAfter(to)) {
      if (local.isBefore(to)) {
        from = from.minusDays(1);
      } else {
        to = to.plusDays(1);
      }
    }
    return !local.isBefore(from) && !local.isAfter(to);
  }
}
