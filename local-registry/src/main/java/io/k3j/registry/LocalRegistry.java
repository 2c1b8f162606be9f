package io.k3j.registry;

import io.k3j.registry.imageset.ImageSets;
import io.k3j.registry.internal.RegistryMetrics;
import io.k3j.registry.internal.cache.PullThrough;
import io.k3j.registry.internal.cache.UpstreamSelector;
import io.k3j.registry.internal.cache.Upstreams;
import io.k3j.registry.internal.http.EndpointContext;
import io.k3j.registry.internal.http.Endpoints;
import io.k3j.registry.internal.http.RegistryServer;
import io.k3j.registry.internal.store.ContentSource;
import io.k3j.registry.internal.store.ContentStore;
import io.k3j.registry.internal.store.StorageMaintenance;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running local registry: store, optional pull-through cache, HTTP server and the periodic
 * eviction/GC. Start-up never contacts an upstream, so it works offline.
 */
public final class LocalRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalRegistry.class);

  private final RegistryConfig config;
  private final ContentStore store;
  private final PullThrough pullThrough;
  private final StorageMaintenance maintenance;
  private final RegistryServer server;
  private final ScheduledExecutorService scheduler;
  private final ImageSets imageSets;
  private final Upstreams upstreams;
  private final Clock clock;
  private final AtomicBoolean budgetCheckQueued = new AtomicBoolean();

  private LocalRegistry(RegistryConfig config, Clock clock) throws InterruptedException {
    this.config = config;
    this.clock = clock;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "registry-maintenance");
              t.setDaemon(true);
              return t;
            });
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.upstreams = new Upstreams(config);
    UpstreamSelector selector = new UpstreamSelector(upstreams);
    RegistryMetrics metrics =
        new RegistryMetrics(prometheus, selector::upstreamName, config.upstreams().keySet());
    this.store = new ContentStore(config.dataDir(), clock, this::checkBudgetSoon);
    this.pullThrough = new PullThrough(store, selector, config, metrics, clock);
    ContentSource source = pullThrough;
    this.maintenance =
        new StorageMaintenance(store, config.maxDiskBytes(), config.gcGrace(), metrics);
    this.imageSets = new ImageSets(source, store, upstreams.names(), clock);
    EndpointContext context =
        new EndpointContext(
            store,
            source,
            config.readOnly(),
            config.maxManifestBytes(),
            upstreams.names(),
            metrics,
            prometheus::scrape);
    try {
      this.server =
          new RegistryServer(
              config.listenHost(), config.listenPort(), new Endpoints(context), serverTls(config));
    } catch (RuntimeException | InterruptedException e) {
      scheduler.shutdownNow();
      pullThrough.close();
      store.close();
      throw e;
    }
    long period = Math.max(1, config.gcInterval().toMillis());
    scheduler.scheduleWithFixedDelay(this::maintain, period, period, TimeUnit.MILLISECONDS);
  }

  private static SslContext serverTls(RegistryConfig config) {
    if (config.tlsCertFile().isEmpty()) {
      return null;
    }
    try {
      return SslContextBuilder.forServer(
              config.tlsCertFile().get().toFile(), config.tlsKeyFile().get().toFile())
          .sslProvider(SslProvider.JDK)
          .build();
    } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
      throw new ConfigException(
          RegistryConfig.TLS_CERT_FILE, "unusable certificate or key: " + e.getMessage());
    }
  }

  /** Opens the store and starts serving; fails fast if the port or data directory is unusable. */
  public static LocalRegistry start(RegistryConfig config) throws InterruptedException {
    return start(config, Clock.systemUTC());
  }

  public static LocalRegistry start(RegistryConfig config, Clock clock)
      throws InterruptedException {
    LocalRegistry registry = new LocalRegistry(config, clock);
    LOG.info(
        "registry listening on {} with data in {} and upstreams {}",
        registry.address(),
        config.dataDir(),
        config.upstreams().keySet());
    return registry;
  }

  public InetSocketAddress address() {
    return server.address();
  }

  /**
   * After a blob commit: if the blobs now exceed {@code max-disk}, evict soon instead of at the
   * next {@code gc-interval}. Commits in a burst share one check.
   */
  private void checkBudgetSoon() {
    if (config.maxDiskBytes() > 0 && budgetCheckQueued.compareAndSet(false, true)) {
      try {
        scheduler.execute(
            () -> {
              budgetCheckQueued.set(false);
              if (maintenance.overBudget()) {
                maintain();
              }
            });
      } catch (RejectedExecutionException e) {
        // closing: the next start checks the budget at its first maintenance run
      }
    }
  }

  /** Runs eviction and garbage collection now. */
  public StorageMaintenance.Report maintain() {
    try {
      return maintenance.run();
    } catch (RuntimeException e) {
      LOG.warn("storage maintenance failed: {}", e.toString());
      return new StorageMaintenance.Report(0, 0, -1);
    }
  }

  /** Pre-pulls and pins image sets. */
  public ImageSets imageSets() {
    return imageSets;
  }

  /**
   * Serves {@code upstream} from now on (its name as {@code ns} value and path prefix), replacing
   * an upstream of the same name; no request is sent to it until a client asks for content.
   */
  public void putUpstream(UpstreamConfig upstream) {
    upstreams.put(upstream);
    LOG.info("upstream {} serves {}", upstream.name(), upstream.url());
  }

  /** Stops serving an upstream added with {@link #putUpstream}; a start-up one is restored. */
  public void removeUpstream(String name) {
    upstreams.remove(name);
    LOG.info("upstream {} removed", name);
  }

  /** A live, read-only view of the names of the upstreams served. */
  public java.util.Set<String> upstreamNames() {
    return java.util.Collections.unmodifiableSet(upstreams.names());
  }

  /** The clock the registry measures access times and sync times with. */
  public Clock clock() {
    return clock;
  }

  public RegistryConfig config() {
    return config;
  }

  ContentStore store() {
    return store;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    server.close();
    pullThrough.close();
    store.close();
  }
}
