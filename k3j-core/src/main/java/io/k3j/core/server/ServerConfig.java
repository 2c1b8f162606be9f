package io.k3j.core.server;

import io.k3j.core.datastore.Datastores;
import java.nio.file.Path;

/**
 * What {@link K3jServer} needs to start, already validated.
 *
 * @param dataDir where k3j keeps its state ({@code server/db}, later certificates and manifests)
 * @param datastoreEndpoint the datastore driver and location, {@code sqlite://...} by default
 */
public record ServerConfig(Path dataDir, String datastoreEndpoint) {

  public ServerConfig {
    if (dataDir == null) {
      throw new IllegalArgumentException("data-dir must be set");
    }
    if (datastoreEndpoint == null || datastoreEndpoint.isBlank()) {
      datastoreEndpoint = Datastores.defaultEndpoint(dataDir);
    }
  }

  /** The defaults for a data directory. */
  public static ServerConfig forDataDir(Path dataDir) {
    return new ServerConfig(dataDir, null);
  }
}
