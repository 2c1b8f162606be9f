package io.k3j.telemetry.internal.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("OTLP protobuf validated and counted on the wire, as protobuf-java parses it")
class OtlpWireTest {

  @Test
  @DisplayName("every kind of span, data point and log record is counted as the parsed message")
  void countsLikeTheParsedMessage() throws Exception {
    assertThat(agree(Signal.TRACES, traces().toByteArray())).isEqualTo(5);
    assertThat(agree(Signal.METRICS, metrics().toByteArray())).isEqualTo(2 + 3 + 1 + 2 + 1);
    assertThat(agree(Signal.LOGS, logs().toByteArray())).isEqualTo(4);
    assertThat(agree(Signal.TRACES, new byte[0])).isZero();
  }

  @Test
  @DisplayName("concatenated requests (how the forwarder batches) count as their merge")
  void concatenated() throws Exception {
    byte[] metrics = metrics().toByteArray();
    byte[] twice = concat(metrics, metrics);
    assertThat(agree(Signal.METRICS, twice)).isEqualTo(18);
  }

  @Test
  @DisplayName("of a metric's data oneof the last member given counts, all its occurrences merged")
  void oneofLastWins() throws Exception {
    Metric gauge = Metric.newBuilder().setGauge(Gauge.newBuilder().addDataPoints(point(1))).build();
    Metric sum =
        Metric.newBuilder()
            .setSum(Sum.newBuilder().addDataPoints(point(1)).addDataPoints(point(2)))
            .build();
    // gauge, sum, gauge: a gauge with both gauges' points (protobuf-java keeps the first's builder)
    byte[] metric = concat(gauge.toByteArray(), sum.toByteArray(), gauge.toByteArray());
    assertThat(agree(Signal.METRICS, wrapMetric(metric))).isEqualTo(2);
    // sum, gauge: the gauge
    assertThat(agree(Signal.METRICS, wrapMetric(concat(sum.toByteArray(), gauge.toByteArray()))))
        .isEqualTo(1);
    // sum, sum: merged, 4 points
    assertThat(agree(Signal.METRICS, wrapMetric(concat(sum.toByteArray(), sum.toByteArray()))))
        .isEqualTo(4);
  }

  @Test
  @DisplayName("unknown fields, and known numbers with another wire type, are skipped as unknown")
  void unknownFields() throws Exception {
    UnknownFieldSet unknown =
        UnknownFieldSet.newBuilder()
            .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(7).addFixed32(1).build())
            .addField(
                100,
                UnknownFieldSet.Field.newBuilder()
                    .addLengthDelimited(ByteString.copyFromUtf8("x"))
                    .addFixed64(3)
                    .addGroup(
                        UnknownFieldSet.newBuilder()
                            .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(1).build())
                            .build())
                    .build())
            .build();
    ExportTraceServiceRequest request =
        traces().toBuilder()
            .setUnknownFields(unknown)
            .setResourceSpans(0, traces().getResourceSpans(0).toBuilder().setUnknownFields(unknown))
            .build();
    assertThat(agree(Signal.TRACES, request.toByteArray())).isEqualTo(5);
    // field 1 of ExportTraceServiceRequest (resource_spans) as a varint: unknown, not an error
    assertThat(agree(Signal.TRACES, new byte[] {0x08, 0x05})).isZero();
    // ... and as fixed64 with a string's number inside a span: the span still counts
    byte[] span =
        concat(
            Span.newBuilder().setName("a").build().toByteArray(),
            bytes(0x29, 0, 0, 0, 0, 0, 0, 0, 0));
    assertThat(agree(Signal.TRACES, wrapSpan(span))).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "malformed framing is refused: zero tag, wire types 6/7, stray end group, truncation")
  void malformedFraming() {
    refusedByBoth(Signal.TRACES, bytes(0x00));
    refusedByBoth(Signal.TRACES, bytes(0x0e));
    refusedByBoth(Signal.TRACES, bytes(0x0f));
    refusedByBoth(Signal.TRACES, bytes(0x0c));
    refusedByBoth(Signal.TRACES, bytes(0x0b)); // group 1 without its end
    refusedByBoth(Signal.TRACES, bytes(0x0b, 0x14)); // group 1 ended by group 2's end
    refusedByBoth(Signal.TRACES, bytes(0x0a, 0x05, 0x00));
    refusedByBoth(Signal.TRACES, bytes(0x08, 0x80));
    refusedByBoth(Signal.TRACES, bytes(0x09, 1, 2, 3));
    refusedByBoth(Signal.METRICS, bytes(0xff));
    byte[] elevenByteVarint =
        bytes(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
    refusedByBoth(Signal.LOGS, elevenByteVarint);
    byte[] valid = traces().toByteArray();
    refusedByBoth(Signal.TRACES, Arrays.copyOf(valid, valid.length - 1));
  }

  @Test
  @DisplayName(
      "invalid UTF-8 in a string field deep in a span is refused, bytes fields are not checked")
  void utf8() throws Exception {
    byte[][] invalid = {
      bytes(0xc0, 0x80), // overlong
      bytes(0xe0, 0x80, 0x80), // overlong
      bytes(0xed, 0xa0, 0x80), // surrogate
      bytes(0xf4, 0x90, 0x80, 0x80), // beyond U+10FFFF
      bytes(0xf8, 0x88, 0x80, 0x80, 0x80),
      bytes(0xe2, 0x82), // truncated
      bytes(0x80),
      bytes(0x61, 0xc3)
    };
    for (byte[] text : invalid) {
      // Span.attributes (9) -> KeyValue.value (2) -> AnyValue.string_value (1)
      byte[] span = field(9, concat(field(1, bytes('k')), field(2, field(1, text))));
      refusedByBoth(Signal.TRACES, wrapSpan(span));
      // Span.name (5)
      refusedByBoth(Signal.TRACES, wrapSpan(field(5, text)));
      Span bytesValue =
          Span.newBuilder()
              .addAttributes(
                  KeyValue.newBuilder()
                      .setKey("k")
                      .setValue(AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(text))))
              .build();
      assertThat(agree(Signal.TRACES, wrapSpan(bytesValue.toByteArray()))).isEqualTo(1);
    }
    String valid = "aé€😀\u0000\uffff";
    Span span = Span.newBuilder().setName(valid).build();
    assertThat(agree(Signal.TRACES, wrapSpan(span.toByteArray()))).isEqualTo(1);
  }

  @Test
  @DisplayName("packed repeated fields must hold whole elements")
  void packed() throws Exception {
    HistogramDataPoint point =
        HistogramDataPoint.newBuilder()
            .addBucketCounts(1)
            .addBucketCounts(2)
            .addExplicitBounds(1.5)
            .build();
    byte[] wellFormed = point.toByteArray();
    assertThat(agree(Signal.METRICS, wrapHistogramPoint(wellFormed))).isEqualTo(1);
    // bucket_counts (6, fixed64) packed with 7 bytes
    refusedByBoth(Signal.METRICS, wrapHistogramPoint(bytes(0x32, 7, 1, 2, 3, 4, 5, 6, 7)));
    // the same field unpacked is accepted
    assertThat(agree(Signal.METRICS, wrapHistogramPoint(bytes(0x31, 1, 2, 3, 4, 5, 6, 7, 8))))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("100 nested messages are accepted, 101 refused (protobuf-java's recursion limit)")
  void nesting() throws Exception {
    int below = 0;
    for (int depth = 40; depth < 60; depth++) {
      byte[] body = nestedLog(depth).toByteArray();
      boolean parsed = parses(Signal.LOGS, body);
      boolean walked = walks(Signal.LOGS, body);
      assertThat(walked).as("depth %d", depth).isEqualTo(parsed);
      below += parsed ? 1 : 0;
    }
    assertThat(below).isBetween(1, 19);
  }

  @Test
  @DisplayName("random corruptions of valid requests get the verdict and count protobuf-java gives")
  void fuzz() throws Exception {
    Random random = new Random(20261125);
    List<byte[]> seeds =
        List.of(traces().toByteArray(), metrics().toByteArray(), logs().toByteArray());
    Signal[] signals = {Signal.TRACES, Signal.METRICS, Signal.LOGS};
    int refused = 0;
    int accepted = 0;
    for (int round = 0; round < 30_000; round++) {
      int which = random.nextInt(3);
      byte[] body = mutate(seeds.get(which), random);
      Signal signal = signals[which];
      boolean parsed = parses(signal, body);
      if (parsed) {
        accepted++;
        assertThat(OtlpWire.countItems(signal, body))
            .as("round %d", round)
            .isEqualTo(OtlpRequests.countItems(OtlpRequests.parseProtobuf(signal, body)));
      } else {
        refused++;
        assertThat(walks(signal, body)).as("round %d: %s", round, hex(body)).isFalse();
      }
    }
    assertThat(refused).isGreaterThan(1000);
    assertThat(accepted).isGreaterThan(1000);
  }

  @Test
  @DisplayName("a slice of a bigger array is walked within its bounds")
  void slice() throws Exception {
    byte[] body = traces().toByteArray();
    byte[] padded = concat(bytes(0xff, 0xff), body, bytes(0xff));
    assertThat(OtlpWire.countItems(Signal.TRACES, padded, 2, body.length)).isEqualTo(5);
    assertThatThrownBy(() -> OtlpWire.countItems(Signal.TRACES, padded, 2, body.length + 1))
        .isInstanceOf(InvalidOtlpException.class)
        .hasMessageStartingWith("invalid OTLP protobuf: ");
  }

  private static byte[] mutate(byte[] seed, Random random) {
    byte[] body = seed.clone();
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations; m++) {
      switch (random.nextInt(6)) {
        case 0 -> body[random.nextInt(body.length)] = (byte) random.nextInt(256);
        case 1 -> body[random.nextInt(body.length)] ^= (byte) (1 << random.nextInt(8));
        case 2 -> body = Arrays.copyOf(body, random.nextInt(body.length + 1));
        case 3 -> {
          int at = random.nextInt(body.length + 1);
          byte[] inserted = new byte[1 + random.nextInt(4)];
          random.nextBytes(inserted);
          body =
              concat(Arrays.copyOf(body, at), inserted, Arrays.copyOfRange(body, at, body.length));
        }
        case 4 -> {
          int from = random.nextInt(body.length + 1);
          int to = Math.min(body.length, from + 1 + random.nextInt(8));
          body = concat(Arrays.copyOf(body, from), Arrays.copyOfRange(body, to, body.length));
        }
        default -> {
          // a small length prefix or tag byte: the most sensitive spots
          int at = random.nextInt(body.length);
          body[at] = (byte) (body[at] + (random.nextBoolean() ? 1 : -1));
        }
      }
      if (body.length == 0) {
        return body;
      }
    }
    return body;
  }

  private static long agree(Signal signal, byte[] body) throws Exception {
    long walked = OtlpWire.countItems(signal, body);
    assertThat(walked).isEqualTo(OtlpRequests.countItems(OtlpRequests.parseProtobuf(signal, body)));
    return walked;
  }

  private static void refusedByBoth(Signal signal, byte[] body) {
    assertThat(parses(signal, body)).as("protobuf-java parses %s", hex(body)).isFalse();
    assertThatThrownBy(() -> OtlpWire.countItems(signal, body))
        .as("walk of %s", hex(body))
        .isInstanceOf(InvalidOtlpException.class);
  }

  private static boolean parses(Signal signal, byte[] body) {
    try {
      OtlpRequests.parseProtobuf(signal, body);
      return true;
    } catch (InvalidOtlpException e) {
      assertThat(e.getCause()).isInstanceOf(InvalidProtocolBufferException.class);
      return false;
    }
  }

  private static boolean walks(Signal signal, byte[] body) {
    try {
      OtlpWire.countItems(signal, body);
      return true;
    } catch (InvalidOtlpException e) {
      return false;
    }
  }

  static ExportTraceServiceRequest traces() {
    KeyValue nested =
        KeyValue.newBuilder()
            .setKey("nested")
            .setValue(
                AnyValue.newBuilder()
                    .setArrayValue(
                        ArrayValue.newBuilder()
                            .addValues(AnyValue.newBuilder().setIntValue(-3))
                            .addValues(AnyValue.newBuilder().setDoubleValue(2.5))
                            .addValues(
                                AnyValue.newBuilder()
                                    .setKvlistValue(
                                        KeyValueList.newBuilder().addValues(attribute("é", "ü"))))))
            .build();
    Span.Builder span =
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(new byte[16]))
            .setSpanId(ByteString.copyFrom(new byte[8]))
            .setParentSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
            .setTraceState("a=b")
            .setFlags(257)
            .setName("GET /x")
            .setKindValue(2)
            .setStartTimeUnixNano(1)
            .setEndTimeUnixNano(2)
            .addAttributes(attribute("http.method", "GET"))
            .addAttributes(nested)
            .setDroppedAttributesCount(3)
            .addEvents(
                Span.Event.newBuilder().setName("ev").setTimeUnixNano(5).addAttributes(nested))
            .addLinks(
                Span.Link.newBuilder()
                    .setTraceId(ByteString.copyFrom(new byte[16]))
                    .setTraceState("x")
                    .setFlags(1)
                    .addAttributes(attribute("l", "v")))
            .setStatus(Status.newBuilder().setCodeValue(2).setMessage("boom"));
    InstrumentationScope scope =
        InstrumentationScope.newBuilder()
            .setName("lib")
            .setVersion("1")
            .addAttributes(attribute("s", "t"))
            .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resource())
                .setSchemaUrl("https://x")
                .addScopeSpans(
                    ScopeSpans.newBuilder().setScope(scope).addSpans(span).addSpans(span))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span).addSpans(span)))
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()))
        .build();
  }

  static ExportMetricsServiceRequest metrics() {
    Exemplar exemplar =
        Exemplar.newBuilder()
            .addFilteredAttributes(attribute("f", "g"))
            .setAsInt(4)
            .setSpanId(ByteString.copyFrom(new byte[8]))
            .build();
    HistogramDataPoint histogram =
        HistogramDataPoint.newBuilder()
            .addAttributes(attribute("h", "i"))
            .setCount(3)
            .setSum(4.5)
            .addAllBucketCounts(List.of(1L, 2L, 0L))
            .addAllExplicitBounds(List.of(1.0, 2.0))
            .addExemplars(exemplar)
            .setMin(0.5)
            .setMax(3)
            .build();
    ExponentialHistogramDataPoint exponential =
        ExponentialHistogramDataPoint.newBuilder()
            .setScale(-2)
            .setZeroCount(1)
            .setPositive(
                ExponentialHistogramDataPoint.Buckets.newBuilder()
                    .setOffset(-3)
                    .addAllBucketCounts(List.of(1L, 300L, 70000L)))
            .setNegative(ExponentialHistogramDataPoint.Buckets.newBuilder().addBucketCounts(1))
            .setZeroThreshold(0.001)
            .build();
    SummaryDataPoint summary =
        SummaryDataPoint.newBuilder()
            .setCount(2)
            .addQuantileValues(
                SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(3))
            .build();
    ScopeMetrics scope =
        ScopeMetrics.newBuilder()
            .addMetrics(
                Metric.newBuilder()
                    .setName("g")
                    .setUnit("1")
                    .setGauge(Gauge.newBuilder().addDataPoints(point(1)).addDataPoints(point(2))))
            .addMetrics(
                Metric.newBuilder()
                    .setName("s")
                    .setDescription("d")
                    .setSum(
                        Sum.newBuilder()
                            .setIsMonotonic(true)
                            .setAggregationTemporalityValue(2)
                            .addDataPoints(point(1))
                            .addDataPoints(point(2).toBuilder().setAsInt(-7).addExemplars(exemplar))
                            .addDataPoints(point(3))))
            .addMetrics(
                Metric.newBuilder()
                    .setName("h")
                    .setHistogram(Histogram.newBuilder().addDataPoints(histogram))
                    .addMetadata(attribute("m", "n")))
            .addMetrics(
                Metric.newBuilder()
                    .setExponentialHistogram(
                        ExponentialHistogram.newBuilder()
                            .addDataPoints(exponential)
                            .addDataPoints(exponential)))
            .addMetrics(Metric.newBuilder().setSummary(Summary.newBuilder().addDataPoints(summary)))
            .addMetrics(Metric.newBuilder().setName("empty"))
            .build();
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder().setResource(resource()).addScopeMetrics(scope))
        .build();
  }

  static ExportLogsServiceRequest logs() {
    LogRecord record =
        LogRecord.newBuilder()
            .setTimeUnixNano(1)
            .setObservedTimeUnixNano(2)
            .setSeverityNumberValue(9)
            .setSeverityText("INFO")
            .setBody(AnyValue.newBuilder().setStringValue("hello"))
            .addAttributes(attribute("a", "b"))
            .setFlags(1)
            .setTraceId(ByteString.copyFrom(new byte[16]))
            .setEventName("e")
            .build();
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(resource())
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record).addLogRecords(record)))
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record))
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record)))
        .build();
  }

  private static ExportLogsServiceRequest nestedLog(int depth) {
    AnyValue value = AnyValue.newBuilder().setStringValue("leaf").build();
    for (int i = 0; i < depth; i++) {
      value = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(value)).build();
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .addScopeLogs(
                    ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder().setBody(value))))
        .build();
  }

  private static NumberDataPoint point(int i) {
    return NumberDataPoint.newBuilder()
        .addAttributes(attribute("p", "" + i))
        .setTimeUnixNano(i)
        .setAsDouble(i)
        .build();
  }

  private static Resource resource() {
    return Resource.newBuilder()
        .addAttributes(attribute("service.name", "svc"))
        .setDroppedAttributesCount(1)
        .build();
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  /** An ExportTraceServiceRequest holding one span given as raw bytes. */
  private static byte[] wrapSpan(byte[] span) throws IOException {
    byte[] scope = field(2, span);
    byte[] resource = field(2, scope);
    return field(1, resource);
  }

  private static byte[] wrapMetric(byte[] metric) throws IOException {
    return field(1, field(2, field(2, metric)));
  }

  private static byte[] wrapHistogramPoint(byte[] point) throws IOException {
    byte[] histogram = field(1, point);
    return wrapMetric(field(9, histogram));
  }

  private static byte[] field(int number, byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CodedOutputStream coded = CodedOutputStream.newInstance(out);
    coded.writeByteArray(number, content);
    coded.flush();
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  private static String hex(byte[] body) {
    return body.length > 64
        ? java.util.HexFormat.of().formatHex(body, 0, 64) + "... (" + body.length + " bytes)"
        : java.util.HexFormat.of().formatHex(body);
  }
}
