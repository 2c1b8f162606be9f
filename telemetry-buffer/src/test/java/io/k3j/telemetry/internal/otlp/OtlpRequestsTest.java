package io.k3j.telemetry.internal.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.telemetry.testing.Otlp;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("OTLP request decoding, counting and splitting")
class OtlpRequestsTest {

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("OTLP/JSON: hex ids, integer enums, string int64 and unknown fields are accepted")
  void jsonDeviations() throws Exception {
    String json =
        """
        {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0102030405060708090A0B0C0D0E0F10",
        "spanId":"a1a2a3a4a5a6a7a8","parentSpanId":"","name":"s","kind":3,
        "startTimeUnixNano":"1700000000000000000","unknownField":{"x":1}}]}]}]}
        """;

    ExportTraceServiceRequest request =
        (ExportTraceServiceRequest) OtlpRequests.parseJson(Signal.TRACES, utf8(json));

    Span span = request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertThat(HexFormat.of().formatHex(span.getTraceId().toByteArray()))
        .isEqualTo("0102030405060708090a0b0c0d0e0f10");
    assertThat(HexFormat.of().formatHex(span.getSpanId().toByteArray()))
        .isEqualTo("a1a2a3a4a5a6a7a8");
    assertThat(span.getKindValue()).isEqualTo(3);
    assertThat(span.getStartTimeUnixNano()).isEqualTo(1_700_000_000_000_000_000L);
    assertThat(OtlpRequests.countItems(request)).isEqualTo(1);
  }

  @Test
  @DisplayName("malformed JSON, bad hex ids and malformed protobuf are InvalidOtlpException")
  void invalidBodies() {
    assertThatThrownBy(() -> OtlpRequests.parseJson(Signal.LOGS, utf8("[1,2]")))
        .isInstanceOf(InvalidOtlpException.class);
    assertThatThrownBy(
            () ->
                OtlpRequests.parseJson(
                    Signal.TRACES,
                    utf8(
                        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"zz\"}]}]}]}")))
        .isInstanceOf(InvalidOtlpException.class);
    assertThatThrownBy(() -> OtlpRequests.parseProtobuf(Signal.METRICS, new byte[] {(byte) 0xff}))
        .isInstanceOf(InvalidOtlpException.class);
  }

  @Test
  @DisplayName("splitting halves the items and loses none; a single item cannot be split")
  void splitting() throws Exception {
    byte[] request = Otlp.spans("a", "b", "c", "d", "e").toByteArray();

    var halves = RequestSplitter.split(Signal.TRACES, request);

    assertThat(halves).hasSize(2);
    assertThat(Otlp.spanNames(halves.get(0))).containsExactly("a", "b");
    assertThat(Otlp.spanNames(halves.get(1))).containsExactly("c", "d", "e");
    assertThat(RequestSplitter.split(Signal.TRACES, Otlp.spans("only").toByteArray())).isEmpty();
  }

  @Test
  @DisplayName("concatenated protobuf requests merge into one request with all items")
  void concatenationMerges() throws Exception {
    byte[] first = Otlp.spans("a").toByteArray();
    byte[] second = Otlp.spans("b", "c").toByteArray();
    byte[] both = new byte[first.length + second.length];
    System.arraycopy(first, 0, both, 0, first.length);
    System.arraycopy(second, 0, both, first.length, second.length);

    assertThat(Otlp.spanNames(both)).containsExactly("a", "b", "c");
  }

  @Test
  @DisplayName("partial success: {} and empty bodies are full success; rejected counts are read")
  void partialSuccess() {
    byte[] protobuf =
        io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse.newBuilder()
            .setPartialSuccess(
                io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess.newBuilder()
                    .setRejectedLogRecords(3)
                    .setErrorMessage("too old"))
            .build()
            .toByteArray();

    assertThat(PartialSuccess.parse(Signal.TRACES, "application/json", utf8("{}")))
        .isEqualTo(PartialSuccess.NONE);
    assertThat(PartialSuccess.parse(Signal.TRACES, null, new byte[0]))
        .isEqualTo(PartialSuccess.NONE);
    assertThat(PartialSuccess.parse(Signal.LOGS, "application/x-protobuf", protobuf))
        .isEqualTo(new PartialSuccess(3, "too old"));
    assertThat(
            PartialSuccess.parse(
                Signal.METRICS,
                "application/json",
                utf8("{\"partialSuccess\":{\"rejectedDataPoints\":\"2\",\"errorMessage\":\"x\"}}")))
        .isEqualTo(new PartialSuccess(2, "x"));
  }
}
