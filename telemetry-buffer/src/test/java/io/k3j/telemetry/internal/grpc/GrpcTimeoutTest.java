package io.k3j.telemetry.internal.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("grpc-timeout: at most 8 digits and one of the units H M S m u n")
class GrpcTimeoutTest {
  @Test
  @DisplayName("every unit converts to nanoseconds; no header means no deadline")
  void units() {
    assertThat(GrpcTimeout.nanos("2H")).isEqualTo(TimeUnit.HOURS.toNanos(2));
    assertThat(GrpcTimeout.nanos("3M")).isEqualTo(TimeUnit.MINUTES.toNanos(3));
    assertThat(GrpcTimeout.nanos("1S")).isEqualTo(1_000_000_000L);
    assertThat(GrpcTimeout.nanos("250m")).isEqualTo(250_000_000L);
    assertThat(GrpcTimeout.nanos("19999871u")).isEqualTo(19_999_871_000L);
    assertThat(GrpcTimeout.nanos("99999999n")).isEqualTo(99_999_999L);
    assertThat(GrpcTimeout.nanos("0n")).isZero();
    assertThat(GrpcTimeout.nanos(null)).isEqualTo(GrpcTimeout.NONE);
  }

  @Test
  @DisplayName("eight digits of hours, beyond a long's nanoseconds, saturate")
  void saturates() {
    assertThat(GrpcTimeout.nanos("99999999H")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  @DisplayName("a missing or unknown unit, a sign, a fraction, spaces or nine digits are malformed")
  void malformed() {
    for (String value :
        new String[] {
          "", "S", "10", "10s", "10x", "-1S", "+1S", "1.5S", " 1S", "1 S", "123456789S"
        }) {
      assertThatThrownBy(() -> GrpcTimeout.nanos(value))
          .as(value)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("malformed grpc-timeout");
    }
  }
}
