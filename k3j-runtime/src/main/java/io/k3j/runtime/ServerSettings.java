package io.k3j.runtime;

import io.k3j.core.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ParseResult;

/**
 * The settings of {@code k3j server} from every source, in k3s's order of precedence: a flag's
 * default, then its environment variable, then the config files, then the command line. A later
 * source replaces the whole value, lists included. Built with {@link #of} from plain maps in tests.
 */
final class ServerSettings {
  private final Map<String, Setting> settings;

  private ServerSettings(Map<String, Setting> settings) {
    this.settings = settings;
  }

  /** The settings from these sources, lowest precedence first. */
  @SafeVarargs
  static ServerSettings of(Map<String, Setting>... sources) {
    Map<String, Setting> merged = new LinkedHashMap<>();
    Arrays.stream(sources).forEach(merged::putAll);
    return new ServerSettings(merged);
  }

  /**
   * Reads the config files named by {@code --config}, else {@code $K3J_CONFIG_FILE}, else the
   * default location, and layers every source.
   */
  static ServerSettings resolve(ParseResult server, Map<String, String> variables) {
    Map<String, Setting> defaults = ServerFlags.defaults();
    Map<String, Setting> environment = ServerFlags.environment(variables);
    Map<String, Setting> commandLine = ServerFlags.commandLine(server);
    Path config = of(defaults, environment, commandLine).path(ServerFlags.CONFIG);
    boolean named =
        commandLine.containsKey(ServerFlags.CONFIG) || environment.containsKey(ServerFlags.CONFIG);
    return of(defaults, environment, ConfigFiles.load(config, named), commandLine);
  }

  /** What {@link io.k3j.core.server.K3jServer} needs; a bad value names its flag and source. */
  ServerConfig toServerConfig() {
    int httpsPort = number("https-listen-port");
    String token = token();
    try {
      return new ServerConfig(
          path("data-dir"),
          text("datastore-endpoint"),
          text("bind-address"),
          httpsPort,
          list("tls-san"),
          path("write-kubeconfig"),
          text("write-kubeconfig-mode"),
          token,
          new LinkedHashSet<>(list("disable")));
    } catch (IllegalArgumentException e) {
      throw withOrigin(e);
    }
  }

  /**
   * The in-process local registry's settings, keyed as {@code k3j registry}'s: its blobs and index
   * live in {@code <data-dir>/registry}.
   */
  Map<String, String> registrySettings() {
    Map<String, String> registry = new LinkedHashMap<>();
    registry.put("listen", text("registry-listen"));
    registry.put("data-dir", path("data-dir").resolve("registry").toString());
    List<String> upstreams = list("registry-upstream");
    if (!upstreams.isEmpty()) {
      registry.put("upstream", String.join(",", upstreams));
    }
    String maxDisk = text("registry-max-disk");
    if (maxDisk != null) {
      registry.put("max-disk", maxDisk);
    }
    return registry;
  }

  /** Whether {@code --debug} is on. */
  boolean debug() {
    String value = text("debug");
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      throw invalid("debug", "is not true or false");
    }
    return Boolean.parseBoolean(value);
  }

  /** Where a flag's value came from. */
  String origin(String name) {
    return settings.get(name).origin();
  }

  private String text(String name) {
    Setting setting = settings.get(name);
    return setting == null ? null : setting.value();
  }

  private Path path(String name) {
    String value = text(name);
    return value == null ? null : Path.of(value);
  }

  private int number(String name) {
    try {
      return Integer.parseInt(text(name));
    } catch (NumberFormatException e) {
      throw invalid(name, "is not a number");
    }
  }

  /** Every value of a repeatable flag, split at commas as k3s splits them. */
  private List<String> list(String name) {
    Setting setting = settings.get(name);
    if (setting == null) {
      return List.of();
    }
    return setting.values().stream()
        .flatMap(value -> Arrays.stream(value.split(",")))
        .map(String::strip)
        .filter(value -> !value.isEmpty())
        .toList();
  }

  private String token() {
    if (settings.containsKey("token") && settings.containsKey("token-file")) {
      throw new IllegalArgumentException(
          "token (from "
              + origin("token")
              + ") and token-file (from "
              + origin("token-file")
              + ") cannot both be set");
    }
    Path file = path("token-file");
    if (file == null) {
      return text("token");
    }
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "token-file "
              + file
              + " (from "
              + origin("token-file")
              + ") cannot be read: "
              + e.getMessage(),
          e);
    }
  }

  private IllegalArgumentException invalid(String name, String problem) {
    return new IllegalArgumentException(
        name + " " + text(name) + " " + problem + " (from " + origin(name) + ")");
  }

  /**
   * {@link ServerConfig}'s messages start with the flag at fault: add where its value came from.
   */
  private IllegalArgumentException withOrigin(IllegalArgumentException e) {
    String message = String.valueOf(e.getMessage());
    return settings.keySet().stream()
        .filter(name -> message.startsWith(name + " "))
        .findFirst()
        .map(name -> new IllegalArgumentException(message + " (from " + origin(name) + ")", e))
        .orElse(e);
  }
}
