package io.k3j.core.datastore.sqlite;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of the SQLite driver.
 *
 * @param file the database file; its directory is created when missing
 * @param sync {@link Sync#FULL} (the default) syncs every commit to disk before acknowledging it;
 *     {@link Sync#NORMAL} survives a crash of the process but may lose the last commits on power
 *     loss
 * @param minHistory compaction keeps at least this much history
 * @param minHistoryRevisions compaction keeps at least this many revisions
 * @param compactInterval how often compaction checks whether there is history to drop
 * @param compactStepBudget the longest a compaction step may hold the writer
 * @param maintenanceInterval how often expired keys are looked for
 * @param watchBuffer events a watch may have waiting before it is closed as too slow
 * @param maxBatch writes committed together at most (group commit)
 * @param busyTimeout how long to wait for a lock another program holds on the file
 */
public record SqliteOptions(
    Path file,
    Sync sync,
    Duration minHistory,
    long minHistoryRevisions,
    Duration compactInterval,
    Duration compactStepBudget,
    Duration maintenanceInterval,
    int watchBuffer,
    int maxBatch,
    Duration busyTimeout,
    Clock clock,
    MeterRegistry meters) {

  /** SQLite's {@code PRAGMA synchronous} levels that are safe with the write-ahead log. */
  public enum Sync {
    FULL,
    NORMAL
  }

  public SqliteOptions {
    require(minHistoryRevisions >= 0, "minHistoryRevisions must not be negative");
    require(watchBuffer > 0, "watchBuffer must be positive");
    require(maxBatch > 0, "maxBatch must be positive");
    require(!compactStepBudget.isNegative() && !compactStepBudget.isZero(), "compactStepBudget");
  }

  /** The defaults for a database file. */
  public static SqliteOptions defaults(Path file) {
    return builder(file).build();
  }

  public static Builder builder(Path file) {
    return new Builder(file);
  }

  /**
   * Options from a {@code sqlite://PATH[?sync=full|normal]} endpoint, as given to {@code
   * --datastore-endpoint}. Both {@code sqlite:///abs/path} and {@code sqlite://rel/path} work.
   *
   * @throws IllegalArgumentException naming the part that is wrong
   */
  public static SqliteOptions fromEndpoint(String endpoint, MeterRegistry meters) {
    if (!endpoint.startsWith("sqlite://")) {
      throw new IllegalArgumentException("not a sqlite:// endpoint: " + endpoint);
    }
    String rest = endpoint.substring("sqlite://".length());
    int query = rest.indexOf('?');
    String path = query < 0 ? rest : rest.substring(0, query);
    if (path.isEmpty()) {
      throw new IllegalArgumentException("sqlite endpoint has no file path: " + endpoint);
    }
    Builder builder = builder(Path.of(path)).meters(meters);
    if (query >= 0) {
      parseQuery(rest.substring(query + 1)).forEach((key, value) -> apply(builder, key, value));
    }
    return builder.build();
  }

  /** Collects settings; everything not set keeps its default. */
  public static final class Builder {
    private final Path file;
    private Sync sync = Sync.FULL;
    private Duration minHistory = Duration.ofMinutes(10);
    private long minHistoryRevisions = 1_000;
    private Duration compactInterval = Duration.ofSeconds(30);
    private Duration compactStepBudget = Duration.ofMillis(50);
    private Duration maintenanceInterval = Duration.ofSeconds(1);
    private int watchBuffer = 10_000;
    private int maxBatch = 1_024;
    private Duration busyTimeout = Duration.ofSeconds(5);
    private Clock clock = Clock.systemUTC();
    private MeterRegistry meters;

    private Builder(Path file) {
      this.file = file;
    }

    public Builder sync(Sync sync) {
      this.sync = sync;
      return this;
    }

    public Builder minHistory(Duration minHistory, long minHistoryRevisions) {
      this.minHistory = minHistory;
      this.minHistoryRevisions = minHistoryRevisions;
      return this;
    }

    public Builder compactInterval(Duration compactInterval) {
      this.compactInterval = compactInterval;
      return this;
    }

    public Builder compactStepBudget(Duration compactStepBudget) {
      this.compactStepBudget = compactStepBudget;
      return this;
    }

    public Builder maintenanceInterval(Duration maintenanceInterval) {
      this.maintenanceInterval = maintenanceInterval;
      return this;
    }

    public Builder watchBuffer(int watchBuffer) {
      this.watchBuffer = watchBuffer;
      return this;
    }

    public Builder maxBatch(int maxBatch) {
      this.maxBatch = maxBatch;
      return this;
    }

    public Builder busyTimeout(Duration busyTimeout) {
      this.busyTimeout = busyTimeout;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder meters(MeterRegistry meters) {
      this.meters = meters;
      return this;
    }

    public SqliteOptions build() {
      return new SqliteOptions(
          file,
          sync,
          minHistory,
          minHistoryRevisions,
          compactInterval,
          compactStepBudget,
          maintenanceInterval,
          watchBuffer,
          maxBatch,
          busyTimeout,
          clock,
          meters == null ? new SimpleMeterRegistry() : meters);
    }
  }

  private static void apply(Builder builder, String key, String value) {
    switch (key) {
      case "sync":
        try {
          builder.sync(Sync.valueOf(value.toUpperCase(Locale.ROOT)));
          return;
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "sqlite endpoint parameter sync=" + value + " is not one of full, normal", e);
        }
      default:
        throw new IllegalArgumentException(
            "unknown sqlite endpoint parameter " + key + " (known: sync)");
    }
  }

  private static Map<String, String> parseQuery(String query) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(key, value);
    }
    return params;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
