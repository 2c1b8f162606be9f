package io.k3j.core.datastore.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.core.datastore.Backend;
import io.k3j.core.datastore.KeyValue;
import io.k3j.core.datastore.sqlite.SqliteBackend;
import io.k3j.core.datastore.sqlite.SqliteOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process with SIGKILL at random moments and checks that every write it was told
 * was committed is there after reopening.
 */
class CrashRecoveryIT {
  private static final int ROUNDS = 20;

  @TempDir Path dir;

  @Test
  @DisplayName("every acknowledged write survives kill -9 of the writer, 20 times over")
  void acknowledgedWritesSurviveKill() throws Exception {
    Path db = dir.resolve("server/db/state.db");
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Map<String, Long> latestShared = new HashMap<>();
    long acknowledged = 0;
    for (int round = 0; round < ROUNDS; round++) {
      int killAfter = 1 + random.nextInt(1_500);
      List<String[]> acks = runAndKill(db, "r" + round, killAfter);
      acknowledged += acks.size();

      try (Backend store = SqliteBackend.open(SqliteOptions.defaults(db))) {
        for (String[] ack : acks) {
          String key = ack[1];
          long revision = Long.parseLong(ack[2]);
          assertThat(store.get(key, 0))
              .as("round %d (seed %d): acknowledged create of %s", round, seed, key)
              .hasValueSatisfying(
                  kv -> {
                    assertThat(kv.modRevision()).isEqualTo(revision);
                    assertThat(kv.value()).isEqualTo(CrashWriter.value(key));
                  });
          latestShared.merge(ack[3], Long.parseLong(ack[4]), Math::max);
          assertThat(store.currentRevision()).isGreaterThanOrEqualTo(revision);
        }
        for (Map.Entry<String, Long> shared : latestShared.entrySet()) {
          KeyValue kv = store.get(shared.getKey(), 0).orElseThrow();
          assertThat(kv.modRevision())
              .as("round %d (seed %d): acknowledged update of %s", round, seed, shared.getKey())
              .isGreaterThanOrEqualTo(shared.getValue());
        }
      }
    }
    assertThat(acknowledged).isGreaterThan(ROUNDS);
  }

  /** Starts the writer, kills it with SIGKILL after {@code killAfter} acks, returns every ack. */
  private List<String[]> runAndKill(Path db, String run, int killAfter) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                CrashWriter.class.getName(),
                db.toString(),
                run,
                "8")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<String[]> acks = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ack ")) {
          acks.add(line.split(" "));
          if (acks.size() == killAfter) {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
          }
        }
      }
    } catch (IOException e) {
      // the pipe broke with the kill; what was read before is what counts
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acks).as("the writer acknowledged writes before it was killed").isNotEmpty();
    return acks;
  }
}
