package io.k3j.telemetry;

import io.k3j.telemetry.internal.forward.DestinationForwarder;
import io.k3j.telemetry.internal.forward.Forwarders;
import io.k3j.telemetry.internal.grpc.OtlpGrpcServer;
import io.k3j.telemetry.internal.http.OtlpHttpServer;
import io.k3j.telemetry.internal.ingest.DiskBudget;
import io.k3j.telemetry.internal.ingest.Ingestor;
import io.k3j.telemetry.internal.metrics.BufferMetrics;
import io.k3j.telemetry.internal.net.Listener;
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
 * {@link #reconfigure} applies a new config while running: destinations, disk budget, full policy
 * and listen addresses change in place; only the storage settings ({@link #restartKeys}) need a new
 * buffer.
 */
public final class TelemetryBuffer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TelemetryBuffer.class);

  private final List<AutoCloseable> started = new ArrayList<>();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private TelemetryBufferConfig config;
  private DurableQueue queue;
  private Forwarders forwarders;
  private DiskBudget budget;
  private Ingestor ingestor;
  private Listener http;
  private Listener grpc;

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
    this.config = config;
    Path queueDir = Files.createDirectories(config.dataDir().resolve("queue"));
    BufferMetrics metrics = new BufferMetrics(registry);
    queue = open(config, queueDir, queueTime);
    forwarders = Forwarders.start(config.dataDir(), config.destinations(), queue, metrics, clock);
    started.add(forwarders);
    CycleRetention retention = new CycleRetention(queue, forwarders::ackedIndexes);
    budget =
        new DiskBudget(
            queue,
            retention,
            config.maxDiskBytes(),
            config.minFreeDiskBytes(),
            config.fullPolicy(),
            Files.getFileStore(queueDir),
            metrics);
    metrics.gauge("backlog_bytes", null, budget::usedBytes);
    metrics.gauge("torn_records", null, queue::tornRecords);
    ScheduledExecutorService housekeeping =
        Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "telemetry-retention"));
    housekeeping.scheduleWithFixedDelay(retention::deleteAcked, 1, 1, TimeUnit.SECONDS);
    started.add(housekeeping::shutdownNow);
    ingestor = new Ingestor(queue, budget, metrics, config.retryAfter(), clock);
    startReceivers(config);
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

  private void startReceivers(TelemetryBufferConfig config) throws IOException {
    try {
      http =
          OtlpHttpServer.start(config.httpListen(), config.maxRequestBytes(), ingestor, registry);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while binding " + config.httpListen(), e);
    }
    try {
      grpc = OtlpGrpcServer.start(config.grpcListen(), config.maxRequestBytes(), ingestor);
    } catch (InterruptedException e) {
      stopReceivers();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while binding " + config.grpcListen(), e);
    } catch (Exception e) { // also a BindException, which Netty throws undeclared
      stopReceivers();
      throw e;
    }
  }

  private void stopReceivers() {
    if (grpc != null) {
      grpc.close();
      grpc = null;
    }
    if (http != null) {
      http.close();
      http = null;
    }
  }

  /** The config the buffer runs with now. */
  public synchronized TelemetryBufferConfig config() {
    return config;
  }

  /**
   * The keys whose change needs a new buffer (the queue is opened with them): data directory,
   * durability, roll cycle, request limit and retry hint. Empty when {@link #reconfigure} can apply
   * {@code next} in place.
   */
  public synchronized List<String> restartKeys(TelemetryBufferConfig next) {
    List<String> keys = new ArrayList<>();
    if (!config.dataDir().equals(next.dataDir())) {
      keys.add(TelemetryBufferConfig.DATA_DIR);
    }
    if (config.durability() != next.durability()) {
      keys.add(TelemetryBufferConfig.DURABILITY);
    }
    if (!config.rollCycle().equals(next.rollCycle())) {
      keys.add(TelemetryBufferConfig.ROLL_CYCLE);
    }
    if (config.maxRequestBytes() != next.maxRequestBytes()) {
      keys.add(TelemetryBufferConfig.MAX_REQUEST_SIZE);
    }
    if (!config.retryAfter().equals(next.retryAfter())) {
      keys.add(TelemetryBufferConfig.RETRY_AFTER_SECONDS);
    }
    return keys;
  }

  /**
   * Applies {@code next} without stopping the queue: the budget and policy hold for the next
   * append, destinations are added, restarted from their acked index or removed, and the receivers
   * are rebound when a listen address changed. Throws {@link IllegalArgumentException} when {@link
   * #restartKeys} is not empty; a destination that fails to start is reported after the rest was
   * applied.
   */
  public synchronized void reconfigure(TelemetryBufferConfig next) throws IOException {
    List<String> restart = restartKeys(next);
    if (!restart.isEmpty()) {
      throw new IllegalArgumentException("changing " + restart + " needs a new buffer");
    }
    budget.limits(next.maxDiskBytes(), next.minFreeDiskBytes(), next.fullPolicy());
    if (!config.httpListen().equals(next.httpListen())
        || !config.grpcListen().equals(next.grpcListen())) {
      stopReceivers();
      startReceivers(next);
      LOG.info(
          "telemetry buffer receivers moved to {} and {}", next.httpListen(), next.grpcListen());
    }
    config = next;
    forwarders.apply(next.destinations());
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  public synchronized int httpPort() {
    return http.port();
  }

  public synchronized int grpcPort() {
    return grpc.port();
  }

  public List<DestinationStatus> destinations() {
    return forwarders.all().stream().map(DestinationForwarder::status).toList();
  }

  /** Bytes of queue files on disk, as the disk budget counts them. */
  public long diskBytes() {
    return budget.usedBytes();
  }

  public long tornRecords() {
    return queue.tornRecords();
  }

  public String scrapeMetrics() {
    return registry.scrape();
  }

  @Override
  public synchronized void close() {
    stopReceivers();
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
