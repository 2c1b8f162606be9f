package io.k3j.runtime;

import io.k3j.runtime.ServerFlag.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Every flag of {@code k3j server}, declared once: the command line, the help, the config file keys
 * and the environment variables all come from this table. Names, aliases and variables are k3s's
 * ({@code k3s server --help}, with K3S_ renamed K3J_).
 */
final class ServerFlags {
  static final String CONFIG = "config";

  static final List<ServerFlag> ALL =
      List.of(
          ServerFlag.of(
                  CONFIG,
                  Kind.TEXT,
                  "FILE",
                  "Load flags from this YAML file (keys are flag names) and FILE.d/*.yaml")
              .alias("c")
              .defaultValue(DataDirs.defaultConfigFile())
              .environment("K3J_CONFIG_FILE"),
          ServerFlag.of("debug", Kind.BOOLEAN, "BOOL", "Turn on debug logs of k3j")
              .defaultValue(false)
              .environment("K3J_DEBUG"),
          ServerFlag.of("data-dir", Kind.TEXT, "DIR", "Folder to hold state")
              .alias("d")
              .defaultValue(DataDirs.defaultDataDir()),
          ServerFlag.of(
                  "datastore-endpoint",
                  Kind.TEXT,
                  "URI",
                  "Datastore to use (default: sqlite://<data-dir>/server/db/state.db)")
              .environment("K3J_DATASTORE_ENDPOINT"),
          ServerFlag.of("bind-address", Kind.TEXT, "IP", "Address the API listens on")
              .defaultValue("0.0.0.0"),
          ServerFlag.of("https-listen-port", Kind.NUMBER, "PORT", "HTTPS port of the API")
              .defaultValue(6443),
          ServerFlag.of(
              "tls-san",
              Kind.LIST,
              "NAME",
              "Extra host name or IP in the serving certificate (repeatable)"),
          ServerFlag.of(
                  "write-kubeconfig", Kind.TEXT, "FILE", "Where to write the admin kubeconfig")
              .alias("o")
              .defaultValue(DataDirs.defaultKubeconfig())
              .environment("K3J_KUBECONFIG_OUTPUT"),
          ServerFlag.of("write-kubeconfig-mode", Kind.TEXT, "MODE", "File mode of the kubeconfig")
              .defaultValue("0600")
              .environment("K3J_KUBECONFIG_MODE"),
          ServerFlag.of(
                  "token",
                  Kind.TEXT,
                  "TOKEN",
                  "Shared secret used to join agents (default: kept in <data-dir>/server/token)")
              .alias("t")
              .environment("K3J_TOKEN"),
          ServerFlag.of("token-file", Kind.TEXT, "FILE", "File holding the token")
              .environment("K3J_TOKEN_FILE"),
          ServerFlag.of(
                  "registry-listen", Kind.TEXT, "HOST:PORT", "Where the local registry listens")
              .defaultValue("0.0.0.0:5000"),
          ServerFlag.of(
              "registry-upstream",
              Kind.LIST,
              "URL",
              "Upstream of the local registry's pull-through cache: URL (the default) or"
                  + " NAME=URL (repeatable)"),
          ServerFlag.of(
              "registry-max-disk",
              Kind.TEXT,
              "BYTES",
              "Bytes of images the local registry keeps, e.g. 20Gi (0 = unbounded)"),
          ServerFlag.of(
              "disable",
              Kind.LIST,
              "NAME",
              "Do not run this component (repeatable, or comma-separated)"));

  private ServerFlags() {}

  /** The flag with this long name, or null. */
  static ServerFlag find(String name) {
    return ALL.stream().filter(flag -> flag.name().equals(name)).findFirst().orElse(null);
  }

  /** Adds every flag to the {@code server} command. */
  static void addTo(CommandSpec server) {
    for (ServerFlag flag : ALL) {
      server.addOption(option(flag));
    }
  }

  private static OptionSpec option(ServerFlag flag) {
    String[] names =
        flag.shortName() == null
            ? new String[] {"--" + flag.name()}
            : new String[] {"-" + flag.shortName(), "--" + flag.name()};
    OptionSpec.Builder option =
        OptionSpec.builder(names).paramLabel(flag.label()).description(help(flag));
    return switch (flag.kind()) {
      case TEXT -> option.type(String.class).build();
      case NUMBER -> option.type(int.class).build();
      case BOOLEAN -> option.type(boolean.class).arity("0..1").build();
      case LIST -> option.type(List.class).auxiliaryTypes(String.class).build();
    };
  }

  /** The description with the default and the variable, as {@code k3s server --help} shows them. */
  private static String help(ServerFlag flag) {
    StringBuilder help = new StringBuilder(flag.description());
    if (flag.defaultValue() != null) {
      help.append(" (default: ").append(flag.defaultValue()).append(')');
    }
    if (flag.environment() != null) {
      help.append(" [$").append(flag.environment()).append(']');
    }
    return help.toString();
  }

  /** The lowest layer: each flag's default. */
  static Map<String, Setting> defaults() {
    Map<String, Setting> defaults = new LinkedHashMap<>();
    for (ServerFlag flag : ALL) {
      if (flag.defaultValue() != null) {
        defaults.put(flag.name(), Setting.of(flag.defaultValue(), "the default"));
      }
    }
    return defaults;
  }

  /** The flags set by their environment variables; empty variables count as unset. */
  static Map<String, Setting> environment(Map<String, String> variables) {
    Map<String, Setting> settings = new LinkedHashMap<>();
    for (ServerFlag flag : ALL) {
      String value = flag.environment() == null ? null : variables.get(flag.environment());
      if (value != null && !value.isEmpty()) {
        settings.put(flag.name(), Setting.of(value, "$" + flag.environment()));
      }
    }
    return settings;
  }

  /** The flags given on the command line of {@code k3j server}. */
  static Map<String, Setting> commandLine(ParseResult server) {
    Map<String, Setting> settings = new LinkedHashMap<>();
    for (ServerFlag flag : ALL) {
      OptionSpec option = server.matchedOption("--" + flag.name());
      if (option != null) {
        Object value = option.getValue();
        List<String> values =
            value instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(value));
        settings.put(flag.name(), new Setting(values, "--" + flag.name()));
      }
    }
    return settings;
  }
}
