package io.k3j.core.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CronScheduleErrorsTest {

  @Test
  @DisplayName("a schedule that parses has no error (the grammar is tested in module cron)")
  void valid() {
    assertThat(CronScheduleErrors.error("TZ=Europe/Paris */5 * * jan,jul mon-fri")).isEmpty();
    assertThat(CronScheduleErrors.error("@every 1h30m")).isEmpty();
  }

  @Test
  @DisplayName("errors carry the parser's text")
  void invalid() {
    assertThat(CronScheduleErrors.error("* * *"))
        .hasValue("expected exactly 5 fields, found 3: [* * *]");
    assertThat(CronScheduleErrors.error("61 * * * *"))
        .hasValue("end of range (61) above maximum (59): 61");
    assertThat(CronScheduleErrors.error("* * 0 * *"))
        .hasValue("beginning of range (0) below minimum (1): 0");
    assertThat(CronScheduleErrors.error("5-2 * * * *"))
        .hasValue("beginning of range (5) beyond end of range (2): 5-2");
    assertThat(CronScheduleErrors.error("x * * * *"))
        .hasValue("failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax");
    assertThat(CronScheduleErrors.error("*/0 * * * *"))
        .hasValue("step of range should be a positive number: */0");
    assertThat(CronScheduleErrors.error("@fortnightly"))
        .hasValue("unrecognized descriptor: @fortnightly");
    assertThat(CronScheduleErrors.error("TZ=Mars/Olympus * * * * *"))
        .hasValue("provided bad location Mars/Olympus: unknown time zone Mars/Olympus");
    assertThat(CronScheduleErrors.error("")).hasValue("empty spec string");
    assertThat(CronScheduleErrors.error("1-2-3 * * * *")).hasValue("too many hyphens: 1-2-3");
    assertThat(CronScheduleErrors.error("1/2/3 * * * *")).hasValue("too many slashes: 1/2/3");
    assertThat(CronScheduleErrors.error("*/-1 * * * *"))
        .hasValue("negative number (-1) not allowed: -1");
    assertThat(CronScheduleErrors.error("TZ=UTC @every 5"))
        .hasValue("failed to parse duration @every 5: time: invalid duration \"5\"");
  }
}
