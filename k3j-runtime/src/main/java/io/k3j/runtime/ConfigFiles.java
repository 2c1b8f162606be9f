package io.k3j.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.k3j.runtime.ServerFlag.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The config file and its drop-ins, merged as k3s merges them (k3s docs, "Configuration File"; k3s
 * {@code pkg/configfilearg}): the file, then {@code FILE.d/*.yaml} and {@code *.yml} in lexical
 * order; a later file replaces a key's value, and {@code key+:} appends to the list built so far.
 * Keys are flag names without {@code --}; a repeatable flag takes a list or one value.
 *
 * <p>Stricter than k3s: an unknown key, a list or mapping where one value belongs, a key without a
 * value and a key given twice in one file stop k3j with the file, line and key; a scalar is taken
 * as written ({@code 0644} stays {@code 0644}). See docs/adr/0003-server-config-file.md.
 */
final class ConfigFiles {
  private static final YAMLFactory YAML =
      YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private ConfigFiles() {}

  /**
   * The merged settings of {@code config} and its drop-ins.
   *
   * @param required whether the user named the file: then a file that is absent, with no drop-ins
   *     either, is an error; the default file may be absent
   */
  static Map<String, Setting> load(Path config, boolean required) {
    Map<String, Setting> merged = new LinkedHashMap<>();
    for (Path file : files(config, required)) {
      read(file, merged);
    }
    return merged;
  }

  /** The config file when it exists, then its drop-ins in lexical order. */
  static List<Path> files(Path config, boolean required) {
    List<Path> files = new ArrayList<>();
    if (Files.exists(config)) {
      files.add(config);
    }
    Path dropIns = config.resolveSibling(config.getFileName() + ".d");
    if (Files.isDirectory(dropIns)) {
      try (Stream<Path> entries = Files.list(dropIns)) {
        entries
            .filter(Files::isRegularFile)
            .filter(ConfigFiles::isYaml)
            .sorted(Comparator.comparing(path -> path.getFileName().toString()))
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dropIns + ": " + e.getMessage(), e);
      }
    }
    if (files.isEmpty() && required) {
      throw new IllegalArgumentException("config file " + config + " does not exist");
    }
    return files;
  }

  private static boolean isYaml(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  private static void read(Path file, Map<String, Setting> merged) {
    try (JsonParser yaml = YAML.createParser(file.toFile())) {
      JsonToken start = yaml.nextToken();
      if (start == null) {
        return; // an empty file sets nothing
      }
      if (start != JsonToken.START_OBJECT) {
        throw error(file, yaml, "expected flag names and their values, as `tls-san: [a, b]`");
      }
      while (yaml.nextToken() == JsonToken.FIELD_NAME) {
        readEntry(file, yaml, merged);
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          file + ":" + e.getLocation().getLineNr() + ": not valid YAML: " + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void readEntry(Path file, JsonParser yaml, Map<String, Setting> merged)
      throws IOException {
    String key = yaml.currentName();
    boolean append = key.endsWith("+");
    String name = append ? key.substring(0, key.length() - 1) : key;
    ServerFlag flag = ServerFlags.find(name);
    if (flag == null) {
      throw error(file, yaml, "unknown key " + key + " (see k3j server --help)");
    }
    if (name.equals(ServerFlags.CONFIG)) {
      throw error(file, yaml, "config cannot be set in a config file");
    }
    if (append && flag.kind() != Kind.LIST) {
      throw error(file, yaml, key + " appends to a list, but " + name + " takes one value");
    }
    String origin = file + ":" + yaml.currentTokenLocation().getLineNr();
    List<String> values = new ArrayList<>();
    Setting earlier = merged.get(name);
    if (append && earlier != null) {
      values.addAll(earlier.values());
    }
    values.addAll(values(file, yaml, flag, key));
    merged.put(name, new Setting(values, origin));
  }

  private static List<String> values(Path file, JsonParser yaml, ServerFlag flag, String key)
      throws IOException {
    JsonToken token = yaml.nextToken();
    if (token == JsonToken.START_ARRAY) {
      if (flag.kind() != Kind.LIST) {
        throw error(file, yaml, key + " takes one value, not a list");
      }
      List<String> values = new ArrayList<>();
      while (yaml.nextToken() != JsonToken.END_ARRAY) {
        values.add(scalar(file, yaml, key));
      }
      return values;
    }
    return List.of(scalar(file, yaml, key));
  }

  /** A plain value, as written. */
  private static String scalar(Path file, JsonParser yaml, String key) throws IOException {
    JsonToken token = yaml.currentToken();
    if (!token.isScalarValue()) {
      throw error(file, yaml, key + " takes plain values, not a " + describe(token));
    }
    if (token == JsonToken.VALUE_NULL || yaml.getText().isEmpty()) {
      throw error(file, yaml, key + " has no value");
    }
    return yaml.getText();
  }

  private static String describe(JsonToken token) {
    return token == JsonToken.START_ARRAY ? "list" : "mapping";
  }

  private static IllegalArgumentException error(Path file, JsonParser yaml, String message) {
    return new IllegalArgumentException(
        file + ":" + yaml.currentTokenLocation().getLineNr() + ": " + message);
  }
}
