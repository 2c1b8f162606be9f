package io.k3j.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.k3j.cron.CronSyntaxException.Reason;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CronSyntaxExceptionTest {
  static CronSyntaxException error(String schedule) {
    return catchThrowableOfType(
        CronSyntaxException.class, () -> CronSchedule.parse(schedule, ZoneOffset.UTC));
  }

  @Test
  @DisplayName("standard five-field schedules, names, steps, descriptors and zones parse")
  void valid() {
    for (String schedule :
        new String[] {
          "*/5 * * * *",
          "0 0 1 jan,jul mon-fri",
          "30 2 * * 0",
          "@hourly",
          "@every 1h30m",
          "@every 0",
          "TZ=Europe/Paris 0 6 * * *",
          "0 0 ? * *",
          "+5 * * * *",
          "*-3 * * * *"
        }) {
      assertThat(error(schedule)).as(schedule).isNull();
    }
  }

  @Test
  @DisplayName("each error says what is wrong, where, and carries the parts that were read")
  void invalid() {
    CronSyntaxException count = error("* * *");
    assertThat(count.reason()).isEqualTo(Reason.FIELD_COUNT);
    assertThat(count.fields()).containsExactly("*", "*", "*");
    assertThat(count)
        .hasMessage(
            "expected 5 fields (minute hour day-of-month month day-of-week), found 3 in '* * *'");
    assertThat(error("").reason()).isEqualTo(Reason.EMPTY);

    CronSyntaxException above = error("61 * * * *");
    assertThat(above.reason()).isEqualTo(Reason.ABOVE_MAXIMUM);
    assertThat(above.field()).isEqualTo(CronField.MINUTE);
    assertThat(above.end()).isEqualTo(61);
    assertThat(above).hasMessage("minute '61': outside 0-59 or reversed");

    CronSyntaxException below = error("* * 0 * *");
    assertThat(below.reason()).isEqualTo(Reason.BELOW_MINIMUM);
    assertThat(below.field()).isEqualTo(CronField.DAY_OF_MONTH);
    assertThat(below.start()).isZero();

    CronSyntaxException reversed = error("5-2 * * * *");
    assertThat(reversed.reason()).isEqualTo(Reason.REVERSED_RANGE);
    assertThat(reversed.start()).isEqualTo(5);
    assertThat(reversed.end()).isEqualTo(2);
    assertThat(reversed.expression()).isEqualTo("5-2");

    CronSyntaxException word = error("0 0 * foo *");
    assertThat(word.reason()).isEqualTo(Reason.NOT_A_NUMBER);
    assertThat(word.token()).isEqualTo("foo");
    assertThat(word).hasMessage("month 'foo': 'foo' is not a number");
    assertThat(error("٥ * * * *").reason()).as("ASCII digits only").isEqualTo(Reason.NOT_A_NUMBER);

    CronSyntaxException negative = error("*/-1 * * * *");
    assertThat(negative.reason()).isEqualTo(Reason.NEGATIVE_NUMBER);
    assertThat(negative.start()).isEqualTo(-1);

    assertThat(error("0 0 * * 7")).hasMessage("day of week '7': outside 0-6 or reversed");
    assertThat(error("*/0 * * * *").reason()).isEqualTo(Reason.ZERO_STEP);
    assertThat(error("1-2-3 * * * *").reason()).isEqualTo(Reason.TOO_MANY_HYPHENS);
    assertThat(error("1/2/3 * * * *").reason()).isEqualTo(Reason.TOO_MANY_SLASHES);
    assertThat(error("@fortnightly")).hasMessage("unknown descriptor '@fortnightly'");
    assertThat(error("@HOURLY").reason())
        .as("descriptors are case-sensitive upstream")
        .isEqualTo(Reason.UNKNOWN_DESCRIPTOR);

    CronSyntaxException duration = error("@every 5");
    assertThat(duration.reason()).isEqualTo(Reason.BAD_DURATION);
    assertThat(duration.expression()).isEqualTo("@every 5");
    assertThat(duration.token()).isEqualTo("5");

    CronSyntaxException zone = error("TZ=Mars/Olympus * * * * *");
    assertThat(zone.reason()).isEqualTo(Reason.BAD_ZONE);
    assertThat(zone).hasMessage("unknown time zone 'Mars/Olympus'");
  }
}
