package io.k3j.core.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

  @ParameterizedTest(name = "{0}s reads {1}")
  @CsvSource({
    "-5, <invalid>",
    "-1, 0s",
    "0, 0s",
    "59, 59s",
    "119, 119s",
    "120, 2m",
    "330, 5m30s",
    "600, 10m",
    "10799, 179m",
    "10800, 3h",
    "11400, 3h10m",
    "28800, 8h",
    "172799, 47h",
    "172800, 2d",
    "273600, 3d4h",
    "691200, 8d",
    "63071999, 729d",
    "63072000, 2y",
    "63936000, 2y10d",
    "252288000, 8y"
  })
  @DisplayName("durations read as kubectl shows them, coarser as they grow")
  void formats(long seconds, String expected) {
    assertThat(HumanDuration.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} at the fixed time reads {1}")
  @CsvSource({
    "2026-11-24T11:55:00Z, 5m",
    "2026-11-20T08:00:00Z, 4d4h",
    "2026-11-24T11:59:30.123456Z, 29s",
    "2026-11-24T13:59:30+02:00, 30s",
    "yesterday, <invalid>",
    "'', <unknown>"
  })
  @DisplayName("an age is measured from an RFC 3339 timestamp; empty is unknown, garbage invalid")
  void ages(String timestamp, String expected) {
    assertThat(HumanDuration.since(TextNode.valueOf(timestamp), Fixtures.NOW)).isEqualTo(expected);
  }
}
