package io.k3j.core.server;

import io.k3j.core.datastore.Backend;
import io.k3j.core.datastore.Datastores;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running k3j server, startable in-process: {@code k3j server} runs one, and the test-support
 * module starts one for other modules' integration tests. Start-up is a list of named steps; each
 * step's resources are closed in reverse order.
 */
public final class K3jServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(K3jServer.class);

  private final ServerConfig config;
  private final MeterRegistry meters;
  private final Backend datastore;

  private K3jServer(ServerConfig config, MeterRegistry meters, Backend datastore) {
    this.config = config;
    this.meters = meters;
    this.datastore = datastore;
  }

  public static K3jServer start(ServerConfig config) {
    return start(config, new SimpleMeterRegistry());
  }

  public static K3jServer start(ServerConfig config, MeterRegistry meters) {
    Backend datastore = openDatastore(config, meters);
    K3jServer server = new K3jServer(config, meters, datastore);
    log.info(
        "k3j server ready data-dir={} datastore={} revision={}",
        config.dataDir(),
        config.datastoreEndpoint(),
        datastore.currentRevision());
    return server;
  }

  private static Backend openDatastore(ServerConfig config, MeterRegistry meters) {
    return Datastores.open(config.datastoreEndpoint(), meters);
  }

  public ServerConfig config() {
    return config;
  }

  public Backend datastore() {
    return datastore;
  }

  public MeterRegistry meters() {
    return meters;
  }

  @Override
  public void close() {
    log.info("k3j server stopping data-dir={}", config.dataDir());
    datastore.close();
  }
}
