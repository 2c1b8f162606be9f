package io.k3j.registry.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  static Instant next(String schedule, String zone, String after) {
    return CronSchedule.parse(schedule, zone).next(Instant.parse(after)).orElseThrow();
  }

  @Test
  @DisplayName("fields, lists, ranges, steps and names pick the next matching minute in UTC")
  void nextInUtc() {
    assertThat(next("*/15 * * * *", null, "2026-01-01T10:07:30Z"))
        .isEqualTo("2026-01-01T10:15:00Z");
    assertThat(next("0 3 * * *", "", "2026-01-01T03:00:00Z")).isEqualTo("2026-01-02T03:00:00Z");
    assertThat(next("30 1-5/2 * * *", null, "2026-01-01T02:00:00Z"))
        .isEqualTo("2026-01-01T03:30:00Z");
    assertThat(next("0 0 1 jan,jul *", null, "2026-02-10T00:00:00Z"))
        .isEqualTo("2026-07-01T00:00:00Z");
    assertThat(next("0 12 * * sat", null, "2026-01-01T00:00:00Z"))
        .as("2026-01-03 is a Saturday")
        .isEqualTo("2026-01-03T12:00:00Z");
    assertThat(next("@hourly", null, "2026-01-01T10:59:59Z")).isEqualTo("2026-01-01T11:00:00Z");
    assertThat(next("0 0 29 2 *", null, "2026-03-01T00:00:00Z"))
        .as("the next leap day")
        .isEqualTo("2028-02-29T00:00:00Z");
  }

  @Test
  @DisplayName("with both day fields restricted a day matching either fires, as cron does")
  void dayOfMonthOrDayOfWeek() {
    // 2026-01-05 is a Monday; the 10th comes later.
    assertThat(next("0 0 10 * mon", null, "2026-01-01T00:00:00Z"))
        .isEqualTo("2026-01-05T00:00:00Z");
    assertThat(next("0 0 10 * *", null, "2026-01-01T00:00:00Z")).isEqualTo("2026-01-10T00:00:00Z");
    assertThat(next("0 0 */10 * mon", null, "2026-01-01T12:00:00Z"))
        .as("a stepped star restricts the day of month")
        .isEqualTo("2026-01-05T00:00:00Z");
  }

  @Test
  @DisplayName("the schedule is read in its time zone, across a daylight saving change")
  void timeZone() {
    assertThat(next("0 2 * * *", "Europe/Berlin", "2026-01-01T00:00:00Z"))
        .isEqualTo("2026-01-01T01:00:00Z");
    assertThat(next("0 2 * * *", "Europe/Berlin", "2026-06-30T12:00:00Z"))
        .isEqualTo("2026-07-01T00:00:00Z");
    assertThat(next("30 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z"))
        .as("02:30 does not exist on 2026-03-29 in Berlin; it fires at 03:30 CEST")
        .isEqualTo("2026-03-29T01:30:00Z");
  }

  @Test
  @DisplayName("bad schedules and zones are rejected naming the field; Feb 30 never fires")
  void errors() {
    assertThatThrownBy(() -> CronSchedule.parse("* * * *", null))
        .hasMessageContaining("expected 5 fields");
    assertThatThrownBy(() -> CronSchedule.parse("60 * * * *", null))
        .hasMessageContaining("minute '60'");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 * * 7", null))
        .hasMessageContaining("day of week '7'");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 * foo *", null))
        .hasMessageContaining("month 'foo'");
    assertThatThrownBy(() -> CronSchedule.parse("*/0 * * * *", null))
        .hasMessageContaining("step must be positive");
    assertThatThrownBy(() -> CronSchedule.parse("@fortnightly", null))
        .hasMessageContaining("unknown descriptor");
    assertThatThrownBy(() -> CronSchedule.parse("TZ=UTC 0 0 * * *", null))
        .hasMessageContaining("spec.timeZone");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 * * *", "Mars/Olympus"))
        .hasMessageContaining("spec.timeZone: unknown time zone 'Mars/Olympus'");
    assertThat(CronSchedule.parse("0 0 30 2 *", null).next(Instant.parse("2026-01-01T00:00:00Z")))
        .isEmpty();
  }
}
