package io.k3j.core.datastore;

import io.k3j.core.datastore.sqlite.SqliteBackend;
import io.k3j.core.datastore.sqlite.SqliteOptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;

/**
 * Opens a datastore driver chosen by the endpoint's scheme, as k3s's {@code --datastore-endpoint}.
 */
public final class Datastores {
  private Datastores() {}

  /** The default endpoint for a data directory: {@code sqlite://<data-dir>/server/db/state.db}. */
  public static String defaultEndpoint(Path dataDir) {
    return "sqlite://" + dataDir.toAbsolutePath().resolve("server/db/state.db");
  }

  /**
   * @throws IllegalArgumentException when the endpoint's scheme or parameters are not understood
   * @throws DatastoreStartupException when the store cannot be opened
   */
  public static Backend open(String endpoint, MeterRegistry meters) {
    if (endpoint.startsWith("sqlite://")) {
      return SqliteBackend.open(SqliteOptions.fromEndpoint(endpoint, meters));
    }
    int colon = endpoint.indexOf("://");
    String scheme = colon < 0 ? endpoint : endpoint.substring(0, colon);
    throw new IllegalArgumentException(
        "unsupported datastore endpoint scheme '"
            + scheme
            + "' in "
            + endpoint
            + " (supported: sqlite)");
  }
}
