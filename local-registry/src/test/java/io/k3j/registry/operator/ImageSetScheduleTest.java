package io.k3j.registry.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ImageSetScheduleTest {
  static Instant next(String schedule, String zone, String after) {
    return ImageSetSchedule.parse(schedule, zone).next(Instant.parse(after)).orElseThrow();
  }

  @Test
  @DisplayName("the schedule is read in spec.timeZone, UTC when absent; descriptors in any case")
  void zoneAndDescriptors() {
    assertThat(next("0 2 * * *", "Europe/Berlin", "2026-01-01T00:00:00Z"))
        .isEqualTo("2026-01-01T01:00:00Z");
    assertThat(next("0 3 * * *", "", "2026-01-01T03:00:00Z")).isEqualTo("2026-01-02T03:00:00Z");
    assertThat(next("0 3 * * *", null, "2026-01-01T03:00:00Z")).isEqualTo("2026-01-02T03:00:00Z");
    assertThat(next(" @HOURLY ", null, "2026-01-01T10:59:59Z")).isEqualTo("2026-01-01T11:00:00Z");
  }

  @Test
  @DisplayName("bad schedules and zones are rejected naming the spec field; Feb 30 never fires")
  void errors() {
    assertThatThrownBy(() -> ImageSetSchedule.parse("* * * *", null))
        .hasMessage(
            "spec.schedule: expected 5 fields (minute hour day-of-month month day-of-week),"
                + " found 4 in '* * * *'");
    assertThatThrownBy(() -> ImageSetSchedule.parse("60 * * * *", null))
        .hasMessage("spec.schedule: minute '60': outside 0-59 or reversed");
    assertThatThrownBy(() -> ImageSetSchedule.parse("0 0 * * 7", null))
        .hasMessageContaining("day of week '7'");
    assertThatThrownBy(() -> ImageSetSchedule.parse("0 0 * foo *", null))
        .hasMessage("spec.schedule: month 'foo': 'foo' is not a number");
    assertThatThrownBy(() -> ImageSetSchedule.parse("1-2-3 * * * *", null))
        .hasMessage("spec.schedule: minute '1-2-3': more than one '-'");
    assertThatThrownBy(() -> ImageSetSchedule.parse("1/2/3 * * * *", null))
        .hasMessage("spec.schedule: minute '1/2/3': more than one '/'");
    assertThatThrownBy(() -> ImageSetSchedule.parse("*/0 * * * *", null))
        .hasMessage("spec.schedule: minute '*/0': step must be positive");
    assertThatThrownBy(() -> ImageSetSchedule.parse("@Fortnightly", null))
        .hasMessage("spec.schedule: unknown descriptor '@Fortnightly'");
    assertThatThrownBy(() -> ImageSetSchedule.parse("@every 1h", null))
        .as("a re-sync has no use for @every")
        .hasMessage("spec.schedule: unknown descriptor '@every 1h'");
    assertThatThrownBy(() -> ImageSetSchedule.parse("TZ=UTC 0 0 * * *", null))
        .hasMessage("spec.schedule: a TZ or CRON_TZ prefix is not supported, use spec.timeZone");
    assertThatThrownBy(() -> ImageSetSchedule.parse("0 0 * * *", "Mars/Olympus"))
        .hasMessage("spec.timeZone: unknown time zone 'Mars/Olympus'");
    assertThat(
            ImageSetSchedule.parse("0 0 30 2 *", null).next(Instant.parse("2026-01-01T00:00:00Z")))
        .isEmpty();
  }
}
