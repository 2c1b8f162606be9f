package io.k3j.telemetry.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.rpc.Code;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Codec;
import io.grpc.CompressorRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.k3j.telemetry.TelemetryBuffer;
import io.k3j.telemetry.TelemetryBufferConfig;
import io.k3j.telemetry.internal.forward.RawMessages;
import io.k3j.telemetry.testing.Buffers;
import io.k3j.telemetry.testing.FakeCollector;
import io.k3j.telemetry.testing.Http2Calls;
import io.k3j.telemetry.testing.Otlp;
import io.netty.handler.codec.http2.Http2Headers;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("OTLP/gRPC receiver with real gRPC client stubs and a bare HTTP/2 client")
class OtlpGrpcReceiverIT {
  static final String TRACES = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
  static final Pattern RECEIVED =
      Pattern.compile("telemetry_buffer_received_items_total\\{signal=\"traces\"} ([0-9.]+)");

  @TempDir static Path dataDir;
  static FakeCollector upstream;
  static TelemetryBuffer buffer;
  static ManagedChannel channel;
  Http2Calls raw;

  @BeforeAll
  static void start() throws Exception {
    upstream = new FakeCollector();
    Map<String, String> config = Buffers.withDestination(dataDir, "up", upstream.baseUrl());
    config.put("max-request-size", "64KiB");
    buffer = TelemetryBuffer.start(TelemetryBufferConfig.fromMap(config));
    channel = NettyChannelBuilder.forAddress("127.0.0.1", buffer.grpcPort()).usePlaintext().build();
  }

  @AfterAll
  static void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    buffer.close();
    upstream.close();
  }

  @BeforeEach
  void connect() throws Exception {
    raw = new Http2Calls(buffer.grpcPort());
  }

  @AfterEach
  void disconnect() {
    raw.close();
  }

  static double receivedSpans() {
    Matcher m = RECEIVED.matcher(buffer.scrapeMetrics());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  static void assertStatus(Runnable call, Status.Code code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
  }

  @Test
  @DisplayName("TraceService/Export answers OK after storing; the spans reach the destination")
  void exportTraces() {
    var response =
        TraceServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(20, TimeUnit.SECONDS)
            .export(Otlp.spans("grpc-1", "grpc-2"));

    assertThat(response.hasPartialSuccess()).isFalse();
    await()
        .untilAsserted(
            () -> assertThat(upstream.deliveredSpanNames()).contains("grpc-1", "grpc-2"));
  }

  @Test
  @DisplayName("gzip-compressed gRPC requests are accepted")
  void gzipCompressed() {
    TraceServiceGrpc.newBlockingStub(channel)
        .withCompression("gzip")
        .withDeadlineAfter(20, TimeUnit.SECONDS)
        .export(Otlp.spans("grpc-gzip-1"));

    await().untilAsserted(() -> assertThat(upstream.deliveredSpanNames()).contains("grpc-gzip-1"));
  }

  @Test
  @DisplayName(
      "a message over the size limit, plain or once inflated, fails with RESOURCE_EXHAUSTED")
  void tooLarge() {
    var stub = TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
    double before = receivedSpans();

    assertStatus(
        () -> stub.export(Otlp.spans("x".repeat(100 * 1024))), Status.Code.RESOURCE_EXHAUSTED);
    assertStatus(
        () -> stub.withCompression("gzip").export(Otlp.spans("y".repeat(100 * 1024))),
        Status.Code.RESOURCE_EXHAUSTED);
    assertThat(receivedSpans()).isEqualTo(before);
  }

  @Test
  @DisplayName("LogsService and MetricsService accept exports, including empty ones")
  void logsAndMetrics() {
    LogsServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(20, TimeUnit.SECONDS)
        .export(Otlp.logs("grpc-log-1"));
    MetricsServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(20, TimeUnit.SECONDS)
        .export(ExportMetricsServiceRequest.getDefaultInstance());

    await()
        .untilAsserted(
            () -> assertThat(upstream.delivered()).anyMatch(r -> r.path().equals("/v1/logs")));
  }

  /** Sends the given bytes as the request message, as a broken or hostile client could. */
  static byte[] rawCall(ManagedChannel on, String method, byte[] message, CallOptions options) {
    return ClientCalls.blockingUnaryCall(
        on, rawExport(method), options.withDeadlineAfter(20, TimeUnit.SECONDS), message);
  }

  /** A unary method whose messages are bytes as they are. */
  static MethodDescriptor<byte[], byte[]> rawExport(String method) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(method)
        .setRequestMarshaller(RawMessages.INSTANCE)
        .setResponseMarshaller(RawMessages.INSTANCE)
        .build();
  }

  @Test
  @DisplayName(
      "grpc-java sees INVALID_ARGUMENT for bytes that are no OTLP request, UNIMPLEMENTED for"
          + " unknown methods, and nothing is stored")
  void grpcJavaStatusCodes() {
    double before = receivedSpans();
    byte[] garbage = {0x0a, (byte) 0xff, (byte) 0xff, 0x01, 0x02};

    assertStatus(
        () -> rawCall(channel, TRACES.substring(1), garbage, CallOptions.DEFAULT),
        Status.Code.INVALID_ARGUMENT);
    byte[] valid = Otlp.spans("wrong-method").toByteArray();
    assertStatus(
        () ->
            rawCall(
                channel,
                "opentelemetry.proto.collector.trace.v1.TraceService/Import",
                valid,
                CallOptions.DEFAULT),
        Status.Code.UNIMPLEMENTED);
    assertStatus(
        () ->
            rawCall(
                channel,
                "opentelemetry.proto.collector.profiles.v1development.ProfilesService/Export",
                valid,
                CallOptions.DEFAULT),
        Status.Code.UNIMPLEMENTED);
    assertThat(receivedSpans()).isEqualTo(before);
    // the same connection still serves calls
    assertThat(rawCall(channel, TRACES.substring(1), valid, CallOptions.DEFAULT)).isEmpty();
  }

  @Test
  @DisplayName("a message encoding other than gzip or identity gets UNIMPLEMENTED and the list")
  void unsupportedEncoding() throws Exception {
    CompressorRegistry registry = CompressorRegistry.newEmptyInstance();
    registry.register(new Unsupported());
    ManagedChannel custom =
        NettyChannelBuilder.forAddress("127.0.0.1", buffer.grpcPort())
            .usePlaintext()
            .compressorRegistry(registry)
            .build();
    try {
      byte[] valid = Otlp.spans("snappy-1").toByteArray();
      assertStatus(
          () ->
              rawCall(
                  custom,
                  TRACES.substring(1),
                  valid,
                  CallOptions.DEFAULT.withCompression("x-test")),
          Status.Code.UNIMPLEMENTED);
    } finally {
      custom.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    Http2Headers headers = Http2Calls.grpcHeaders(TRACES).set("grpc-encoding", "snappy");
    Http2Calls.Answer answer =
        raw.call(headers, Http2Calls.message(true, Otlp.spans("snappy-2").toByteArray()));
    assertThat(answer.grpcStatus()).isEqualTo(Integer.toString(Code.UNIMPLEMENTED_VALUE));
    assertThat(answer.header("grpc-accept-encoding")).contains("gzip");
  }

  @Test
  @DisplayName("OK is headers, an empty Export*ServiceResponse and trailers with grpc-status 0")
  void okOnTheWire() throws Exception {
    Http2Calls.Answer answer =
        raw.call(
            Http2Calls.grpcHeaders(TRACES),
            Http2Calls.message(false, Otlp.spans("raw-ok").toByteArray()));

    assertThat(answer.headers().status().toString()).isEqualTo("200");
    assertThat(answer.headers().get("content-type").toString()).isEqualTo("application/grpc");
    assertThat(answer.body()).containsExactly(0, 0, 0, 0, 0);
    assertThat(answer.trailers()).isNotNull();
    assertThat(answer.grpcStatus()).isEqualTo("0");
    await().untilAsserted(() -> assertThat(upstream.deliveredSpanNames()).contains("raw-ok"));
  }

  @Test
  @DisplayName(
      "a gzip message split over many DATA frames is inflated and stored; application/grpc+proto"
          + " is a gRPC content type too")
  void gzipInFrames() throws Exception {
    byte[] message = Http2Calls.message(true, gzip(Otlp.spans("raw-gzip").toByteArray()));
    byte[][] frames = new byte[message.length][];
    for (int i = 0; i < message.length; i++) {
      frames[i] = new byte[] {message[i]};
    }
    Http2Headers headers =
        Http2Calls.grpcHeaders(TRACES)
            .set("grpc-encoding", "gzip")
            .set("content-type", "application/grpc+proto");

    assertThat(raw.call(headers, frames).grpcStatus()).isEqualTo("0");
    await().untilAsserted(() -> assertThat(upstream.deliveredSpanNames()).contains("raw-gzip"));
  }

  @Test
  @DisplayName(
      "malformed calls get their gRPC status with a google.rpc.Status in"
          + " grpc-status-details-bin, nothing is stored, and the connection keeps working")
  void malformedCalls() throws Exception {
    double before = receivedSpans();
    byte[] valid = Otlp.spans("bad-1").toByteArray();
    byte[] framed = Http2Calls.message(false, valid);

    // cut short: the stream ends before the declared length
    assertError(
        raw.call(Http2Calls.grpcHeaders(TRACES), Arrays.copyOf(framed, framed.length - 3)),
        Code.INTERNAL);
    // only part of the 5-byte prefix
    assertError(raw.call(Http2Calls.grpcHeaders(TRACES), new byte[] {0, 0}), Code.INTERNAL);
    // no message at all, and two messages
    assertError(raw.call(Http2Calls.grpcHeaders(TRACES)), Code.UNIMPLEMENTED);
    assertError(raw.call(Http2Calls.grpcHeaders(TRACES), framed, framed), Code.UNIMPLEMENTED);
    // a compressed flag without grpc-encoding, a flag that is neither 0 nor 1, a corrupt gzip
    assertError(
        raw.call(Http2Calls.grpcHeaders(TRACES), Http2Calls.message(true, valid)), Code.INTERNAL);
    byte[] flagTwo = framed.clone();
    flagTwo[0] = 2;
    assertError(raw.call(Http2Calls.grpcHeaders(TRACES), flagTwo), Code.INTERNAL);
    byte[] corrupt = gzip(valid);
    corrupt[corrupt.length - 6] ^= 0x55; // CRC-32
    assertError(
        raw.call(
            Http2Calls.grpcHeaders(TRACES).set("grpc-encoding", "gzip"),
            Http2Calls.message(true, corrupt)),
        Code.INTERNAL);
    // protobuf that is no ExportTraceServiceRequest
    assertError(
        raw.call(
            Http2Calls.grpcHeaders(TRACES),
            Http2Calls.message(false, new byte[] {0x0a, 0x05, 0x01})),
        Code.INVALID_ARGUMENT);
    // an oversized length is refused at once, without waiting for the bytes
    byte[] huge = {0, 0x40, 0, 0, 0};
    assertError(raw.callWithoutEnd(Http2Calls.grpcHeaders(TRACES), huge), Code.RESOURCE_EXHAUSTED);

    assertThat(receivedSpans()).isEqualTo(before);
    assertThat(raw.isOpen()).isTrue();
    assertThat(raw.call(Http2Calls.grpcHeaders(TRACES), framed).grpcStatus()).isEqualTo("0");
    assertThat(receivedSpans()).isEqualTo(before + 1);
  }

  @Test
  @DisplayName(
      "a call not acknowledged within its grpc-timeout gets DEADLINE_EXCEEDED Trailers-Only, its"
          + " unfinished message is not stored, and a deadline that leaves time is met")
  void deadlineExceeded() throws Exception {
    double before = receivedSpans();
    byte[] framed = Http2Calls.message(false, Otlp.spans("late-1").toByteArray());

    // the headers and half of the message, then nothing: the 200 ms pass first
    Http2Calls.Answer late =
        raw.callWithoutEnd(
            Http2Calls.grpcHeaders(TRACES).set("grpc-timeout", "200m"),
            Arrays.copyOf(framed, framed.length / 2));

    assertError(late, Code.DEADLINE_EXCEEDED);
    assertThat(receivedSpans()).isEqualTo(before);
    assertThat(raw.isOpen()).isTrue();
    assertThat(
            raw.call(Http2Calls.grpcHeaders(TRACES).set("grpc-timeout", "20000000u"), framed)
                .grpcStatus())
        .isEqualTo("0");
    assertThat(receivedSpans()).isEqualTo(before + 1);
  }

  @Test
  @DisplayName(
      "a malformed grpc-timeout gets HTTP 400 with grpc-status INTERNAL and nothing is stored")
  void malformedTimeout() throws Exception {
    double before = receivedSpans();
    byte[] framed = Http2Calls.message(false, Otlp.spans("bad-timeout").toByteArray());

    for (String value : new String[] {"1x", "123456789S", "S", "-5S", "1.5S"}) {
      Http2Calls.Answer answer =
          raw.call(Http2Calls.grpcHeaders(TRACES).set("grpc-timeout", value), framed);

      assertThat(answer.headers().status().toString()).as(value).isEqualTo("400");
      assertThat(answer.grpcStatus()).as(value).isEqualTo(Integer.toString(Code.INTERNAL_VALUE));
      assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("grpc-timeout");
    }
    assertThat(receivedSpans()).isEqualTo(before);
    assertThat(raw.call(Http2Calls.grpcHeaders(TRACES), framed).grpcStatus()).isEqualTo("0");
  }

  @Test
  @DisplayName(
      "grpc-java's deadlines are read in each unit it writes (u, m, S, M); a call whose message"
          + " never comes fails with DEADLINE_EXCEEDED and stores nothing")
  void grpcJavaDeadlines() throws Exception {
    var stub = TraceServiceGrpc.newBlockingStub(channel);
    double before = receivedSpans();
    for (long seconds : new long[] {20, 86_400, 30 * 86_400, 10 * 365 * 86_400L}) {
      stub.withDeadlineAfter(seconds, TimeUnit.SECONDS).export(Otlp.spans("deadline-" + seconds));
    }
    assertThat(receivedSpans()).isEqualTo(before + 4);

    ClientCall<byte[], byte[]> call =
        channel.newCall(
            rawExport(TRACES.substring(1)),
            CallOptions.DEFAULT.withDeadlineAfter(300, TimeUnit.MILLISECONDS));
    CompletableFuture<Status> closed = new CompletableFuture<>();
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onClose(Status status, Metadata trailers) {
            closed.complete(status);
          }
        },
        new Metadata());
    call.request(1); // the headers are on their way; the message is never sent

    assertThat(closed.get(20, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(receivedSpans()).isEqualTo(before + 4);
    stub.withDeadlineAfter(20, TimeUnit.SECONDS).export(Otlp.spans("after-deadline"));
    assertThat(receivedSpans()).isEqualTo(before + 5);
  }

  @Test
  @DisplayName("a request that is no gRPC call gets 415 for its content type, 405 for GET")
  void notGrpc() throws Exception {
    double before = receivedSpans();
    byte[] framed = Http2Calls.message(false, Otlp.spans("json-1").toByteArray());

    Http2Calls.Answer json =
        raw.call(Http2Calls.grpcHeaders(TRACES).set("content-type", "application/json"), framed);
    Http2Calls.Answer get = raw.call(Http2Calls.grpcHeaders(TRACES).method("GET"));

    assertThat(json.headers().status().toString()).isEqualTo("415");
    assertThat(new String(json.body(), StandardCharsets.UTF_8)).contains("application/grpc");
    assertThat(get.headers().status().toString()).isEqualTo("405");
    assertThat(receivedSpans()).isEqualTo(before);
  }

  @Test
  @DisplayName("bytes that are no HTTP/2 close only their own connection; calls on others go on")
  void garbageConnection() throws Exception {
    for (byte[] junk :
        new byte[][] {
          "POST /v1/traces HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
          "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\0\0\4\7\0\0\0\0\1garbage"
              .getBytes(StandardCharsets.ISO_8859_1)
        }) {
      try (Socket socket = new Socket("127.0.0.1", buffer.grpcPort())) {
        socket.setSoTimeout(20_000);
        socket.getOutputStream().write(junk);
        socket.getOutputStream().flush();
        // the server answers what it can (SETTINGS, GOAWAY) and closes the connection
        assertThat(socket.getInputStream().readAllBytes()).isNotNull();
      }
    }

    assertThat(
            raw.call(
                    Http2Calls.grpcHeaders(TRACES),
                    Http2Calls.message(false, Otlp.spans("after-junk").toByteArray()))
                .grpcStatus())
        .isEqualTo("0");
  }

  static void assertError(Http2Calls.Answer answer, Code code) throws Exception {
    assertThat(answer.headers().status().toString()).isEqualTo("200");
    assertThat(answer.trailers()).as("Trailers-Only").isNull();
    assertThat(answer.grpcStatus()).isEqualTo(Integer.toString(code.getNumber()));
    assertThat(answer.header("grpc-message")).isNotBlank();
    com.google.rpc.Status details =
        com.google.rpc.Status.parseFrom(
            Base64.getDecoder().decode(answer.header("grpc-status-details-bin")));
    assertThat(details.getCode()).isEqualTo(code.getNumber());
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }

  /** A message encoding the buffer does not know; the bytes are left as they are. */
  static final class Unsupported implements Codec {
    @Override
    public String getMessageEncoding() {
      return "x-test";
    }

    @Override
    public OutputStream compress(OutputStream os) {
      return os;
    }

    @Override
    public InputStream decompress(InputStream is) {
      return is;
    }
  }
}
