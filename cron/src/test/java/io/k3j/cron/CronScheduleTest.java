package io.k3j.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  static Instant next(String schedule, ZoneId zone, String after) {
    return CronSchedule.parse(schedule, zone).next(Instant.parse(after)).orElseThrow();
  }

  static Instant next(String schedule, String after) {
    return next(schedule, ZoneOffset.UTC, after);
  }

  @Test
  @DisplayName("fields, lists, ranges, steps and names pick the next matching minute in UTC")
  void nextInUtc() {
    assertThat(next("*/15 * * * *", "2026-01-01T10:07:30Z")).isEqualTo("2026-01-01T10:15:00Z");
    assertThat(next("0 3 * * *", "2026-01-01T03:00:00Z")).isEqualTo("2026-01-02T03:00:00Z");
    assertThat(next("30 1-5/2 * * *", "2026-01-01T02:00:00Z")).isEqualTo("2026-01-01T03:30:00Z");
    assertThat(next("0 0 1 jan,jul *", "2026-02-10T00:00:00Z")).isEqualTo("2026-07-01T00:00:00Z");
    assertThat(next("0 0 1 JAN,Jul *", "2026-02-10T00:00:00Z"))
        .as("names in any case")
        .isEqualTo("2026-07-01T00:00:00Z");
    assertThat(next("0 12 * * sat", "2026-01-01T00:00:00Z"))
        .as("2026-01-03 is a Saturday")
        .isEqualTo("2026-01-03T12:00:00Z");
    assertThat(next("5/20 * * * *", "2026-01-01T10:30:00Z"))
        .as("N/step runs from N to the maximum")
        .isEqualTo("2026-01-01T10:45:00Z");
    assertThat(next("@hourly", "2026-01-01T10:59:59Z")).isEqualTo("2026-01-01T11:00:00Z");
    assertThat(next("@weekly", "2026-01-01T00:00:00Z"))
        .as("Sunday midnight")
        .isEqualTo("2026-01-04T00:00:00Z");
    assertThat(next("0 0 29 2 *", "2026-03-01T00:00:00Z"))
        .as("the next leap day")
        .isEqualTo("2028-02-29T00:00:00Z");
  }

  @Test
  @DisplayName("with both day fields restricted a day matching either fires, as cron does")
  void dayOfMonthOrDayOfWeek() {
    // 2026-01-05 is a Monday; the 10th comes later.
    assertThat(next("0 0 10 * mon", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-05T00:00:00Z");
    assertThat(next("0 0 10 * *", "2026-01-01T00:00:00Z")).isEqualTo("2026-01-10T00:00:00Z");
    assertThat(next("0 0 */10 * mon", "2026-01-01T12:00:00Z"))
        .as("a stepped star restricts the day of month")
        .isEqualTo("2026-01-05T00:00:00Z");
    assertThat(next("0 0 ?,10 * mon", "2026-01-01T12:00:00Z"))
        .as("a list holding ? leaves the day of month unrestricted: Mondays only")
        .isEqualTo("2026-01-05T00:00:00Z");
    assertThat(next("0 0 ?,10 * mon", "2026-01-05T12:00:00Z")).isEqualTo("2026-01-12T00:00:00Z");
  }

  @Test
  @DisplayName("the schedule is read in its time zone, across a daylight saving change")
  void timeZone() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    assertThat(next("0 2 * * *", berlin, "2026-01-01T00:00:00Z")).isEqualTo("2026-01-01T01:00:00Z");
    assertThat(next("0 2 * * *", berlin, "2026-06-30T12:00:00Z")).isEqualTo("2026-07-01T00:00:00Z");
    assertThat(next("30 2 * * *", berlin, "2026-03-28T12:00:00Z"))
        .as("02:30 does not exist on 2026-03-29 in Berlin; it fires at 03:30 CEST")
        .isEqualTo("2026-03-29T01:30:00Z");
    assertThat(next("TZ=Europe/Berlin 0 2 * * *", "2026-01-01T00:00:00Z"))
        .as("a TZ= prefix overrides the zone given")
        .isEqualTo("2026-01-01T01:00:00Z");
    assertThat(CronSchedule.parse("CRON_TZ=Asia/Tokyo @daily", ZoneOffset.UTC).zone())
        .isEqualTo(ZoneId.of("Asia/Tokyo"));
  }

  @Test
  @DisplayName("@every parses, but has no calendar times to compute")
  void every() {
    CronSchedule every = CronSchedule.parse("@every 1h30m", ZoneOffset.UTC);
    assertThatThrownBy(() -> every.next(Instant.parse("2026-01-01T10:00:00Z")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @DisplayName("a schedule that names no existing day never fires")
  void never() {
    assertThat(
            CronSchedule.parse("0 0 30 2 *", ZoneOffset.UTC)
                .next(Instant.parse("2026-01-01T00:00:00Z")))
        .isEmpty();
  }
}
