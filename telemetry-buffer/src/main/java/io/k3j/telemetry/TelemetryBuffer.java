package io.k3j.telemetry;

import io.k3j.telemetry.internal.forward.DestinationForwarder;
import io.k3j.telemetry.internal.forward.Forwarders;
import io.k3j.telemetry.internal.grpc.OtlpGrpcServer;
import io.k3j.telemetry.internal.http.OtlpHttpServer;
import io.k3j.telemetry.internal.ingest.DiskBudget;
import io.k3j.telemetry.internal.ingest.Ingestor;
import io.k3j.telemetry.internal.metrics.BufferMetrics;
import io.k3j.telemetry.internal.queue.CycleRetention;
import io.k3j.telemetry.internal.queue.DurableQueue;
import io.k3j.telemetry.internal.queue.QueueOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running buffer: OTLP receivers, the durable queue and one forwarder per destination. Start-up
 * steps run in order; {@link #close()} stops them in reverse and deletes nothing unacknowledged.
 */
public final class TelemetryBuffer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TelemetryBuffer.class);

  private final List<AutoCloseable> started = new ArrayList<>();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private DurableQueue queue;
  private Forwarders forwarders;
  private OtlpHttpServer http;
  private OtlpGrpcServer grpc;

  private TelemetryBuffer() {}

  public static TelemetryBuffer start(TelemetryBufferConfig config) throws IOException {
    return start(config, SystemTimeProvider.INSTANCE, Clock.systemUTC());
  }

  /** Starts with injected time: Chronicle's for cycle rolls, a clock for ages and back-off. */
  public static TelemetryBuffer start(
      TelemetryBufferConfig config, TimeProvider queueTime, Clock clock) throws IOException {
    TelemetryBuffer buffer = new TelemetryBuffer();
    try {
      buffer.startAll(config, queueTime, clock);
      return buffer;
    } catch (IOException | RuntimeException e) {
      buffer.close();
      throw e;
    } catch (InterruptedException e) {
      buffer.close();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during start-up", e);
    }
  }

  private void startAll(TelemetryBufferConfig config, TimeProvider queueTime, Clock clock)
      throws IOException, InterruptedException {
    Path queueDir = Files.createDirectories(config.dataDir().resolve("queue"));
    BufferMetrics metrics = new BufferMetrics(registry);
    queue = open(config, queueDir, queueTime);
    forwarders = Forwarders.start(config, queue, metrics, clock);
    started.add(forwarders);
    CycleRetention retention = new CycleRetention(queue, forwarders::ackedIndexes);
    DiskBudget budget =
        new DiskBudget(
            queue,
            retention,
            config.maxDiskBytes(),
            config.minFreeDiskBytes(),
            config.fullPolicy(),
            Files.getFileStore(queueDir),
            metrics);
    registerGauges(metrics, budget);
    ScheduledExecutorService housekeeping =
        Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "telemetry-retention"));
    housekeeping.scheduleWithFixedDelay(retention::deleteAcked, 1, 1, TimeUnit.SECONDS);
    started.add(housekeeping::shutdownNow);
    Ingestor ingestor = new Ingestor(queue, budget, metrics, config.retryAfter(), clock);
    http = OtlpHttpServer.start(config.httpListen(), config.maxRequestBytes(), ingestor, registry);
    started.add(http);
    grpc = OtlpGrpcServer.start(config.grpcListen(), config.maxRequestBytes(), ingestor);
    started.add(grpc);
    LOG.info(
        "telemetry buffer started: data {}, durability {}, {} destination(s)",
        config.dataDir(),
        config.durability().configName(),
        config.destinations().size());
  }

  private static DurableQueue open(TelemetryBufferConfig config, Path dir, TimeProvider time)
      throws IOException {
    return DurableQueue.open(
        new QueueOptions(
            dir,
            config.durability(),
            rollCycle(config.rollCycle()),
            config.queueBlockSize(),
            time));
  }

  private static RollCycle rollCycle(String name) {
    return name.equals("TEST_SECONDLY") ? TestRollCycles.TEST_SECONDLY : RollCycles.valueOf(name);
  }

  private void registerGauges(BufferMetrics metrics, DiskBudget budget) {
    metrics.gauge("backlog_bytes", null, budget::usedBytes);
    metrics.gauge("torn_records", null, queue::tornRecords);
    for (DestinationForwarder forwarder : forwarders.all()) {
      String name = forwarder.name();
      metrics.gauge(
          "oldest_unacked_age_seconds",
          name,
          () -> forwarder.status().oldestUnackedAgeMillis() / 1e3);
      metrics.gauge("paused", name, () -> forwarder.status().paused() ? 1 : 0);
      metrics.gauge("dead_letter_files", name, forwarder::deadLetterFiles);
    }
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  public int httpPort() {
    return http.port();
  }

  public int grpcPort() {
    return grpc.port();
  }

  public List<DestinationStatus> destinations() {
    return forwarders.all().stream().map(DestinationForwarder::status).toList();
  }

  public long tornRecords() {
    return queue.tornRecords();
  }

  public String scrapeMetrics() {
    return registry.scrape();
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        LOG.warn("stopping {} failed: {}", started.get(i), e.toString());
      }
    }
    started.clear();
    if (queue != null) {
      queue.close();
      queue = null;
    }
    registry.close();
  }
}
