package io.k3j.telemetry.footprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.k3j.telemetry.testing.BufferClient;
import io.k3j.telemetry.testing.BufferJvm;
import io.k3j.telemetry.testing.FakeCollector;
import io.k3j.telemetry.testing.Otlp;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone buffer in a child JVM that logs every class it loads: receiving OTLP/gRPC must not
 * bring grpc-java or its shaded Netty into a buffer whose destinations speak OTLP/HTTP, and
 * forwarding to {@code http://} must not bring the JDK's TLS implementation.
 */
@DisplayName("Classes the standalone buffer loads")
class ReceiverClassesIT {
  static final Pattern LISTENING =
      Pattern.compile("OTLP/(HTTP|gRPC) receiver listening on /127\\.0\\.0\\.1:([0-9]+)");

  @TempDir Path dir;

  @Test
  @DisplayName(
      "a buffer that receives gRPC and HTTP and forwards to http:// loads no io.grpc and no TLS class")
  void noGrpcJava() throws Exception {
    Path classes = dir.resolve("classes.log");
    Path log = dir.resolve("buffer.log");
    try (FakeCollector upstream = new FakeCollector()) {
      Process child = start(classes, log, upstream.baseUrl());
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> ports(log).size() == 2);
        List<Integer> ports = ports(log);
        ManagedChannel channel =
            NettyChannelBuilder.forAddress("127.0.0.1", ports.get(1)).usePlaintext().build();
        try {
          TraceServiceGrpc.newBlockingStub(channel)
              .withDeadlineAfter(20, TimeUnit.SECONDS)
              .withCompression("gzip")
              .export(Otlp.spans("classes-grpc"));
        } finally {
          channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        assertThat(BufferClient.postSpans(ports.get(0), "classes-http")).isEqualTo(200);
        await()
            .untilAsserted(
                () ->
                    assertThat(upstream.deliveredSpanNames())
                        .contains("classes-grpc", "classes-http"));
      } finally {
        child.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    }

    List<String> loaded = Files.readAllLines(classes);
    assertThat(loaded)
        .as("the gRPC receiver ran")
        .anyMatch(line -> line.contains(" io.k3j.telemetry.internal.grpc.GrpcExportHandler "));
    assertThat(loaded).noneMatch(line -> line.contains(" io.grpc."));
    assertThat(loaded).noneMatch(line -> line.contains(" sun.security.ssl."));
  }

  /** The HTTP then the gRPC port, as the child logged them once bound. */
  static List<Integer> ports(Path log) throws Exception {
    List<Integer> ports = new ArrayList<>(List.of(0, 0));
    int found = 0;
    if (Files.exists(log)) {
      Matcher m = LISTENING.matcher(Files.readString(log));
      while (m.find()) {
        ports.set(m.group(1).equals("HTTP") ? 0 : 1, Integer.parseInt(m.group(2)));
        found++;
      }
    }
    return found == 2 ? ports : List.of();
  }

  Process start(Path classes, Path log, String upstream) throws Exception {
    List<String> command =
        BufferJvm.command(
            List.of("-Xmx256m", "-Xlog:class+load=info:file=" + classes),
            List.of(
                "--data-dir=" + dir.resolve("data"),
                "--http-listen=127.0.0.1:0",
                "--grpc-listen=127.0.0.1:0",
                "--endpoint=" + upstream,
                "--set=min-free-disk=0",
                "--set=destination.upstream-1.initial-backoff-ms=20"));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }
}
