package io.k3j.suc.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.crds.upgrade.v1.Plan;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TimeWindowTest {
  static TimeWindow window(String yaml) {
    Plan plan = Plans.plan("upgrade: {image: x}\nwindow: " + yaml);
    return TimeWindow.of(plan.getSpec().getWindow());
  }

  @Test
  @DisplayName("weekdays 9am to 5pm in Los Angeles: inside on a Monday noon, outside on Saturday")
  void weekdayBusinessHours() {
    TimeWindow w =
        window(
            "{days: [mo, tu, we, th, fr], startTime: 9am, endTime: 5pm,"
                + " timeZone: America/Los_Angeles}");
    // 2026-11-23 is a Monday; 20:00Z is 12:00 in Los Angeles (PST, UTC-8).
    assertThat(w.contains(Instant.parse("2026-11-23T20:00:00Z"))).isTrue();
    assertThat(w.contains(Instant.parse("2026-11-23T16:59:59Z"))).isFalse();
    assertThat(w.contains(Instant.parse("2026-11-24T01:00:00.5Z"))).isTrue();
    assertThat(w.contains(Instant.parse("2026-11-24T01:00:01Z"))).isFalse();
    assertThat(w.contains(Instant.parse("2026-11-28T20:00:00Z"))).isFalse();
  }

  @Test
  @DisplayName("a window from 22:00 to 02:00 wraps past midnight; the current day is checked")
  void wrapsPastMidnight() {
    TimeWindow w = window("{days: [monday, tuesday], startTime: '22:00', endTime: '02:00'}");
    assertThat(w.contains(Instant.parse("2026-11-23T23:30:00Z"))).isTrue();
    assertThat(w.contains(Instant.parse("2026-11-24T01:30:00Z"))).isTrue();
    assertThat(w.contains(Instant.parse("2026-11-24T12:00:00Z"))).isFalse();
    assertThat(w.contains(Instant.parse("2026-11-25T01:30:00Z"))).isFalse();
  }

  @Test
  @DisplayName("the end is inclusive to the last nanosecond of its second")
  void inclusiveEnd() {
    TimeWindow w =
        window("{days: ['0','1','2','3','4','5','6'], startTime: '00:00:00', endTime: '23:59:59'}");
    assertThat(w.contains(Instant.parse("2026-11-23T23:59:59.999Z"))).isTrue();
    assertThat(w.contains(Instant.parse("2026-11-23T00:00:00Z"))).isTrue();
  }

  @Test
  @DisplayName("kured's time formats parse; others are errors")
  void timeFormats() {
    assertThat(TimeWindow.time("15:04")).isEqualTo(LocalTime.of(15, 4));
    assertThat(TimeWindow.time("15:04:05")).isEqualTo(LocalTime.of(15, 4, 5));
    assertThat(TimeWindow.time("03:04pm")).isEqualTo(LocalTime.of(15, 4));
    assertThat(TimeWindow.time("15")).isEqualTo(LocalTime.of(15, 0));
    assertThat(TimeWindow.time("3pm")).isEqualTo(LocalTime.of(15, 0));
    assertThat(TimeWindow.time("12am")).isEqualTo(LocalTime.of(0, 0));
    assertThatThrownBy(() -> TimeWindow.time("25:00")).hasMessageContaining("25:00");
    assertThatThrownBy(
            () -> window("{days: [mo], startTime: '1', endTime: '2', timeZone: Mars/Base}"))
        .hasMessageContaining("Mars/Base");
  }
}
