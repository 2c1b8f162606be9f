package io.k3j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {
  @TempDir Path dir;
  private Path config;
  private Path dropIns;

  @BeforeEach
  void paths() {
    config = dir.resolve("config.yaml");
    dropIns = dir.resolve("config.yaml.d");
  }

  private Path write(Path file, String yaml) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, yaml);
  }

  private Map<String, Setting> load() {
    return ConfigFiles.load(config, false);
  }

  @Test
  @DisplayName("keys are flag names; one value, a list, or one value for a repeatable flag")
  void keysAreFlagNames() throws IOException {
    write(
        config,
        "https-listen-port: 7443\ntls-san: [a.example, 10.0.0.1]\ndisable: traefik\ndebug: true\n");

    Map<String, Setting> settings = load();

    assertThat(settings.get("https-listen-port").values()).containsExactly("7443");
    assertThat(settings.get("tls-san").values()).containsExactly("a.example", "10.0.0.1");
    assertThat(settings.get("disable").values()).containsExactly("traefik");
    assertThat(settings.get("debug").values()).containsExactly("true");
    assertThat(settings.get("tls-san").origin()).isEqualTo(config + ":2");
  }

  @Test
  @DisplayName("scalars are taken as written: an unquoted 0644 stays 0644")
  void scalarsAsWritten() throws IOException {
    write(config, "write-kubeconfig-mode: 0644\ntoken: yes\n");

    assertThat(load().get("write-kubeconfig-mode").value()).isEqualTo("0644");
    assertThat(load().get("token").value()).isEqualTo("yes");
  }

  @Test
  @DisplayName("drop-ins are read after the file in lexical order; the last value wins")
  void dropInsInLexicalOrder() throws IOException {
    write(config, "bind-address: 10.0.0.1\ntls-san: [a]\ntoken: from-file\n");
    write(dropIns.resolve("20-b.yml"), "bind-address: 10.0.0.3\n");
    write(dropIns.resolve("10-a.yaml"), "bind-address: 10.0.0.2\ntls-san: [b]\n");
    write(dropIns.resolve("30-ignored.txt"), "bind-address: 10.0.0.9\n");
    Files.createDirectories(dropIns.resolve("40-dir.yaml"));

    assertThat(ConfigFiles.files(config, false))
        .containsExactly(config, dropIns.resolve("10-a.yaml"), dropIns.resolve("20-b.yml"));
    Map<String, Setting> settings = load();
    assertThat(settings.get("bind-address").value()).isEqualTo("10.0.0.3");
    assertThat(settings.get("bind-address").origin()).isEqualTo(dropIns.resolve("20-b.yml") + ":1");
    assertThat(settings.get("tls-san").values()).containsExactly("b");
    assertThat(settings.get("token").value()).isEqualTo("from-file");
  }

  @Test
  @DisplayName("key+ appends to the list built so far; a later key without + replaces it")
  void plusAppends() throws IOException {
    write(config, "tls-san: [a]\ndisable: [x]\n");
    write(dropIns.resolve("10.yaml"), "tls-san+: [b, c]\ndisable+: y\n");
    write(dropIns.resolve("20.yaml"), "tls-san+: d\ndisable: [z]\n");

    Map<String, Setting> settings = load();

    assertThat(settings.get("tls-san").values()).containsExactly("a", "b", "c", "d");
    assertThat(settings.get("disable").values()).containsExactly("z");
  }

  @Test
  @DisplayName("key+ with nothing before it sets the list")
  void plusFirst() throws IOException {
    write(dropIns.resolve("10.yaml"), "tls-san+: [a]\n");

    assertThat(load().get("tls-san").values()).containsExactly("a");
  }

  @Test
  @DisplayName("no default file and no drop-ins: nothing set, no error; an empty file sets nothing")
  void absentDefault() throws IOException {
    assertThat(load()).isEmpty();
    write(config, "# nothing yet\n");
    assertThat(load()).isEmpty();
  }

  @Test
  @DisplayName("a named file that does not exist is an error, unless it has drop-ins")
  void namedFileMissing() throws IOException {
    assertThatThrownBy(() -> ConfigFiles.load(config, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("config file " + config + " does not exist");

    write(dropIns.resolve("10.yaml"), "token: t\n");
    assertThat(ConfigFiles.load(config, true).get("token").value()).isEqualTo("t");
  }

  @Test
  @DisplayName("an unknown key is an error naming the file, line and key")
  void unknownKey() throws IOException {
    write(config, "token: t\nhttps-port: 7443\n");

    assertThatThrownBy(this::load)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(config + ":2: unknown key https-port (see k3j server --help)");
  }

  @Test
  @DisplayName("wrong shapes are errors naming the file and key")
  void wrongShapes() throws IOException {
    Map<String, String> cases =
        Map.of(
            "bind-address: [a, b]\n", ":1: bind-address takes one value, not a list",
            "tls-san: {a: b}\n", ":1: tls-san takes plain values, not a mapping",
            "tls-san: [[a]]\n", ":1: tls-san takes plain values, not a list",
            "token:\n", ":1: token has no value",
            "token: ''\n", ":1: token has no value",
            "token+: x\n", ":1: token+ appends to a list, but token takes one value",
            "config: other.yaml\n", ":1: config cannot be set in a config file",
            "- tls-san\n", ":1: expected flag names and their values, as `tls-san: [a, b]`");
    for (Map.Entry<String, String> entry : cases.entrySet()) {
      write(config, entry.getKey());
      assertThat(catchThrowable(this::load))
          .as(entry.getKey())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(config + entry.getValue());
    }
  }

  @Test
  @DisplayName("broken YAML and a key given twice in one file are errors naming the file")
  void brokenYaml() throws IOException {
    write(config, "token: t\ntoken: u\n");
    assertThatThrownBy(this::load)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(config + ":2: not valid YAML: ")
        .hasMessageContaining("token");

    write(dropIns.resolve("10.yaml"), "tls-san: [a\n");
    write(config, "token: t\n");
    assertThatThrownBy(this::load)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(dropIns.resolve("10.yaml") + ":");
  }

  @Test
  @DisplayName("the drop-in folder follows the file's name")
  void dropInFolderFollowsName() throws IOException {
    Path other = dir.resolve("k3j.yml");
    write(dir.resolve("k3j.yml.d/10.yaml"), "disable: [a]\n");
    write(dropIns.resolve("10.yaml"), "disable: [b]\n");

    assertThat(ConfigFiles.load(other, true).get("disable").values()).isEqualTo(List.of("a"));
  }
}
