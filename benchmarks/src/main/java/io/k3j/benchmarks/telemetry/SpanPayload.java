package io.k3j.benchmarks.telemetry;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * The request every sender posts: one resource, one scope, {@code spans} spans of about {@code
 * spanBytes} each (ids, times, a name and string attributes of pseudo-random text, so gzip has
 * realistic rather than trivial work), encoded once as binary protobuf and once gzipped.
 */
record SpanPayload(int spans, byte[] protobuf, byte[] gzipped) {

  static SpanPayload of(int spans, int spanBytes) {
    Random random = new Random(42);
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < spans; i++) {
      Span.Builder span =
          Span.newBuilder()
              .setTraceId(ByteString.copyFrom(bytes(random, 16)))
              .setSpanId(ByteString.copyFrom(bytes(random, 8)))
              .setName("GET /api/orders/" + i)
              .setKindValue(2)
              .setStartTimeUnixNano(1_700_000_000_000_000_000L + i)
              .setEndTimeUnixNano(1_700_000_000_001_000_000L + i);
      for (int a = 0; span.build().getSerializedSize() < spanBytes - 40; a++) {
        span.addAttributes(attribute("attr." + a, text(random, 24)));
      }
      scope.addSpans(span);
    }
    byte[] protobuf =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(
                        Resource.newBuilder().addAttributes(attribute("service.name", "bench")))
                    .addScopeSpans(scope))
            .build()
            .toByteArray();
    return new SpanPayload(spans, protobuf, gzip(protobuf));
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static byte[] bytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String text(Random random, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) ('a' + random.nextInt(26)));
    }
    return text.toString();
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
