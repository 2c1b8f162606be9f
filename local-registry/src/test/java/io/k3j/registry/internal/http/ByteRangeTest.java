package io.k3j.registry.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.registry.internal.oci.ErrorCode;
import io.k3j.registry.internal.oci.OciException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

  @Test
  @DisplayName("ranges of a 2048-byte blob are clipped like the conformance suite expects")
  void conformanceRanges() {
    assertThat(ByteRange.parse("bytes=500-1499", 2048)).contains(new ByteRange(500, 1499));
    assertThat(ByteRange.parse("bytes=500-", 2048)).contains(new ByteRange(500, 2047));
    assertThat(ByteRange.parse("bytes=-500", 2048)).contains(new ByteRange(1548, 2047));
    assertThat(ByteRange.parse("bytes=2000-5000", 2048)).contains(new ByteRange(2000, 2047));
    assertThat(ByteRange.parse(null, 2048)).isEmpty();
  }

  @Test
  @DisplayName("unsatisfiable ranges are RANGE_INVALID with Content-Range bytes */size")
  void unsatisfiable() {
    for (String header : new String[] {"bytes=500-0", "bytes=5000-10000"}) {
      assertThatThrownBy(() -> ByteRange.parse(header, 2048))
          .isInstanceOfSatisfying(
              OciException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.RANGE_INVALID);
                assertThat(e.headers()).containsEntry("Content-Range", "bytes */2048");
              });
    }
  }
}
