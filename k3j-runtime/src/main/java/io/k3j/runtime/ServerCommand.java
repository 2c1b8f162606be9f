package io.k3j.runtime;

import io.k3j.core.datastore.DatastoreStartupException;
import io.k3j.core.server.K3jServer;
import io.k3j.core.server.ServerConfig;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code k3j server}: runs the server until SIGTERM or SIGINT. Its flags are {@link ServerFlags};
 * exit code 2 means the command line does not parse, 1 that the configuration is invalid or the
 * server cannot start.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    description = "Run the k3j server: datastore and Kubernetes API.",
    footerHeading = "%nConfig file:%n",
    footer = {
      "Every flag can be set in the config file, keyed by its long name without --: one value, a"
          + " list for repeatable flags, true or false for switches. FILE.d/*.yaml are read"
          + " after FILE in lexical order; a later file replaces a key, `key+:` appends to its"
          + " list. The command line wins over the files, which win over the environment."
    })
final class ServerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig config;
    Map<String, String> registrySettings;
    try {
      ServerSettings settings =
          ServerSettings.resolve(spec.commandLine().getParseResult(), System.getenv());
      config = settings.toServerConfig();
      registrySettings = settings.registrySettings();
      if (settings.debug()) {
        // Before the first logger is made: slf4j-simple reads its levels once.
        System.setProperty("org.slf4j.simpleLogger.log.io.k3j", "debug");
      }
    } catch (IllegalArgumentException | UncheckedIOException e) {
      System.err.println("k3j server: " + e.getMessage());
      return 1;
    }
    // Looked up only now: --debug above sets the log level, which the first lookup fixes.
    Logger log = LoggerFactory.getLogger(ServerCommand.class);
    if (!config.disabled().isEmpty()) {
      log.info("disabled: {}", String.join(", ", config.disabled()));
    }
    log.debug("start-up step=jvm-and-settings took={}ms", sinceProcessStart());
    K3jServer server;
    try {
      server = K3jServer.start(config);
    } catch (DatastoreStartupException | IllegalArgumentException | UncheckedIOException e) {
      System.err.println("k3j server: " + e.getMessage());
      return 1;
    }
    // SIGTERM from here on closes the datastore cleanly, also while InProcessOperators.start reads
    // the operators' settings and builds their client before handing their starts to a thread of
    // its own (seconds on a busy node).
    Shutdown shutdown = new Shutdown(server);
    Thread hook = new Thread(shutdown::run, "k3j-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      log.debug("start-up api ready after={}ms since the process started", sinceProcessStart());
      shutdown.operatorsStarted(
          InProcessOperators.start(server, System.getenv(), registrySettings));
    } catch (RuntimeException e) {
      if (shutdown.stopping()) {
        shutdown.awaitStopped(); // the operators failed because the server was closed under them
        return 0;
      }
      if (!(e instanceof IllegalArgumentException || e instanceof UncheckedIOException)) {
        throw e;
      }
      System.err.println("k3j server: " + e.getMessage());
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException signalled) {
        shutdown.awaitStopped(); // a signal came meanwhile: its hook closes the server
        return 1;
      }
      server.close();
      return 1;
    }
    shutdown.awaitStopped();
    return 0;
  }

  /**
   * What SIGTERM or SIGINT closes: the operators once they are started, then the server. Operators
   * whose start ends after the signal are closed at once.
   */
  private static final class Shutdown {
    private final K3jServer server;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private InProcessOperators operators;
    private boolean stopping;

    Shutdown(K3jServer server) {
      this.server = server;
    }

    void operatorsStarted(InProcessOperators started) {
      synchronized (this) {
        if (!stopping) {
          operators = started;
          return;
        }
      }
      started.close();
    }

    synchronized boolean stopping() {
      return stopping;
    }

    void run() {
      InProcessOperators running;
      synchronized (this) {
        stopping = true;
        running = operators;
      }
      if (running != null) {
        running.close();
      }
      server.close();
      stopped.countDown();
    }

    void awaitStopped() throws InterruptedException {
      stopped.await();
    }
  }

  /** Milliseconds since this process started (the kernel's start time, 10 ms resolution). */
  private static long sinceProcessStart() {
    return ProcessHandle.current()
        .info()
        .startInstant()
        .map(start -> Duration.between(start, Instant.now()).toMillis())
        .orElse(-1L);
  }
}
