package io.k3j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.core.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParseResult;

/** The sources of {@code k3j server}'s settings and their precedence, through the real parser. */
class ServerSettingsTest {
  @TempDir Path dir;

  private Path config(String yaml) throws IOException {
    return Files.writeString(dir.resolve("config.yaml"), yaml);
  }

  private ServerSettings resolve(Map<String, String> environment, String... flags) {
    List<String> args = new ArrayList<>(List.of("server", "--data-dir", dir.toString()));
    args.addAll(List.of(flags));
    ParseResult parsed = Main.commandLine().parseArgs(args.toArray(String[]::new));
    return ServerSettings.resolve(parsed.subcommand(), environment);
  }

  private ServerConfig config(Map<String, String> environment, String... flags) {
    return resolve(environment, flags).toServerConfig();
  }

  @Test
  @DisplayName("with nothing set, the defaults are k3s's")
  void defaults() {
    ServerConfig config = config(Map.of("K3J_CONFIG_FILE", ""));

    assertThat(config.httpsPort()).isEqualTo(6443);
    assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(config.kubeconfigMode()).isEqualTo("0600");
    assertThat(config.kubeconfig()).isEqualTo(DataDirs.defaultKubeconfig());
    assertThat(config.tlsSans()).isEmpty();
    assertThat(config.disabled()).isEmpty();
    assertThat(config.token()).isNull();
  }

  @Test
  @DisplayName(
      "the config file sets flags; the command line wins, and its list replaces the file's")
  void commandLineWins() throws IOException {
    Path file =
        config("https-listen-port: 7443\nbind-address: 10.0.0.1\ntls-san: [a, b]\ndisable: [x]\n");

    ServerConfig config =
        config(
            Map.of(), "--config", file.toString(), "--https-listen-port", "8443", "--tls-san", "c");

    assertThat(config.httpsPort()).isEqualTo(8443);
    assertThat(config.bindAddress()).isEqualTo("10.0.0.1");
    assertThat(config.tlsSans()).containsExactly("c");
    assertThat(config.disabled()).containsExactly("x");
  }

  @Test
  @DisplayName("environment variables are k3s's, renamed; the files win over them")
  void environment() throws IOException {
    Path kubeconfig = dir.resolve("from-env.yaml");
    Map<String, String> environment =
        Map.of(
            "K3J_CONFIG_FILE",
            config("write-kubeconfig-mode: '0640'\n").toString(),
            "K3J_TOKEN",
            "secret",
            "K3J_KUBECONFIG_OUTPUT",
            kubeconfig.toString(),
            "K3J_KUBECONFIG_MODE",
            "0644",
            "K3J_DATASTORE_ENDPOINT",
            "sqlite://" + dir.resolve("x.db"),
            "K3S_TOKEN",
            "not ours");

    ServerSettings settings = resolve(environment);
    ServerConfig config = settings.toServerConfig();

    assertThat(config.token()).isEqualTo("secret");
    assertThat(config.kubeconfig()).isEqualTo(kubeconfig);
    assertThat(config.datastoreEndpoint()).isEqualTo("sqlite://" + dir.resolve("x.db"));
    assertThat(config.kubeconfigMode()).isEqualTo("0640");
    assertThat(settings.origin("write-kubeconfig-mode"))
        .isEqualTo(dir.resolve("config.yaml") + ":1");
    assertThat(settings.origin("token")).isEqualTo("$K3J_TOKEN");
  }

  @Test
  @DisplayName("--config beats $K3J_CONFIG_FILE; -c is its short form")
  void configFlagBeatsVariable() throws IOException {
    Path named = Files.writeString(dir.resolve("named.yaml"), "bind-address: 10.0.0.2\n");
    Map<String, String> environment =
        Map.of("K3J_CONFIG_FILE", config("bind-address: 10.0.0.1\n").toString());

    assertThat(config(environment, "-c", named.toString()).bindAddress()).isEqualTo("10.0.0.2");
    assertThat(config(environment).bindAddress()).isEqualTo("10.0.0.1");
  }

  @Test
  @DisplayName("a config file named by flag or variable must exist")
  void namedConfigMissing() {
    Path missing = dir.resolve("missing.yaml");

    assertThatThrownBy(() -> resolve(Map.of(), "--config", missing.toString()))
        .hasMessage("config file " + missing + " does not exist");
    assertThatThrownBy(() -> resolve(Map.of("K3J_CONFIG_FILE", missing.toString())))
        .hasMessage("config file " + missing + " does not exist");
  }

  @Test
  @DisplayName("--disable is repeatable and comma-separated, in files as on the command line")
  void disable() throws IOException {
    Path file = config("disable: [traefik, 'servicelb, metrics-server']\n");

    assertThat(config(Map.of(), "-c", file.toString()).disabled())
        .containsExactly("traefik", "servicelb", "metrics-server");
    assertThat(
            config(Map.of(), "-c", file.toString(), "--disable", "a,b", "--disable", "c")
                .disabled())
        .containsExactly("a", "b", "c");
  }

  @Test
  @DisplayName("--debug is a switch: alone, =false, or true/false in the file or $K3J_DEBUG")
  void debug() throws IOException {
    Map<String, String> none = Map.of("K3J_CONFIG_FILE", "");
    assertThat(resolve(none).debug()).isFalse();
    assertThat(resolve(none, "--debug").debug()).isTrue();
    assertThat(resolve(Map.of("K3J_DEBUG", "true"), "--debug=false").debug()).isFalse();
    assertThat(resolve(Map.of("K3J_DEBUG", "true")).debug()).isTrue();
    Path file = config("debug: true\n");
    assertThat(resolve(Map.of(), "-c", file.toString()).debug()).isTrue();

    Path wrong = config("debug: maybe\n");
    assertThatThrownBy(() -> resolve(Map.of(), "-c", wrong.toString()).debug())
        .hasMessage("debug maybe is not true or false (from " + wrong + ":1)");
  }

  @Test
  @DisplayName("a bad value names the flag and the file, line or variable it came from")
  void badValuesNameTheirSource() throws IOException {
    Path port = config("https-listen-port: http\n");
    assertThatThrownBy(() -> config(Map.of(), "-c", port.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("https-listen-port http is not a number (from " + port + ":1)");

    Path range = config("https-listen-port: 70000\n");
    assertThatThrownBy(() -> config(Map.of(), "-c", range.toString()))
        .hasMessage("https-listen-port 70000 is not a port number (from " + range + ":1)");

    assertThatThrownBy(() -> config(Map.of("K3J_KUBECONFIG_MODE", "rw")))
        .hasMessageStartingWith("write-kubeconfig-mode rw is not an octal file mode")
        .hasMessageEndingWith("(from $K3J_KUBECONFIG_MODE)");
  }

  @Test
  @DisplayName("token and token-file together are refused, naming where each was set")
  void tokenAndTokenFile() throws IOException {
    Path tokenFile = Files.writeString(dir.resolve("token"), "from-file\n");

    assertThat(config(Map.of(), "--token-file", tokenFile.toString()).token())
        .isEqualTo("from-file");
    assertThatThrownBy(() -> config(Map.of("K3J_TOKEN", "t"), "--token-file", tokenFile.toString()))
        .hasMessage(
            "token (from $K3J_TOKEN) and token-file (from --token-file) cannot both be set");
    assertThatThrownBy(() -> config(Map.of(), "--token-file", dir.resolve("none").toString()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("token-file " + dir.resolve("none"));
  }

  @Test
  @DisplayName("settings can be built from plain maps: later sources replace whole values")
  void fromMaps() {
    ServerSettings settings =
        ServerSettings.of(
            ServerFlags.defaults(),
            Map.of("tls-san", new Setting(List.of("a", "b"), "first")),
            Map.of("tls-san", Setting.of("c", "second")));

    assertThat(settings.toServerConfig().tlsSans()).containsExactly("c");
    assertThat(settings.origin("tls-san")).isEqualTo("second");
  }
}
