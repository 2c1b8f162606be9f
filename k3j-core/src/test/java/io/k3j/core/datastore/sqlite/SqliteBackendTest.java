package io.k3j.core.datastore.sqlite;

import io.k3j.core.datastore.Backend;
import io.k3j.core.datastore.BackendContract;
import java.nio.file.Path;
import java.time.Duration;

class SqliteBackendTest extends BackendContract {

  @Override
  protected Backend open(Path dir, Settings settings) {
    return SqliteBackend.open(options(dir, settings).build());
  }

  static SqliteOptions.Builder options(Path dir, Settings settings) {
    return SqliteOptions.builder(dir.resolve("server/db/state.db"))
        .clock(settings.clock())
        .minHistory(settings.minHistory(), settings.minHistoryRevisions())
        .watchBuffer(settings.watchBuffer())
        .maintenanceInterval(Duration.ofMillis(10))
        .compactInterval(Duration.ofSeconds(1));
  }
}
