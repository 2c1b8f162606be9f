package io.k3j.core.apiserver.resources;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keys that appear twice in one object of a request body, named as upstream's strict decoders name
 * them: {@code duplicate field "spec.containers[0].name"} (sigs.k8s.io/json) for JSON, and goyaml's
 * {@code line 4: key "name" already set in map} for YAML. A body that does not parse has none here;
 * its syntax error is reported where it is decoded.
 */
final class DuplicateFields {
  private static final JsonFactory JSON = new JsonFactory();
  private static final YAMLFactory YAML = new YAMLFactory();

  private DuplicateFields() {}

  /** One message per duplicate key, with its path from the top of the JSON document. */
  static List<String> inJson(byte[] body) {
    List<String> found = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != null) {
        walk(parser, "", found, false);
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    return found;
  }

  /**
   * Empty, or one message listing every duplicate key with its line, as sigs.k8s.io/yaml's {@code
   * YAMLToJSONStrict} reports them.
   */
  static List<String> inYaml(byte[] body) {
    List<String> lines = new ArrayList<>();
    try (JsonParser parser = YAML.createParser(body)) {
      if (parser.nextToken() != null) {
        walk(parser, "", lines, true);
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    if (lines.isEmpty()) {
      return List.of();
    }
    return List.of(
        "error converting YAML to JSON: yaml: unmarshal errors:\n  " + String.join("\n  ", lines));
  }

  private static void walk(JsonParser parser, String path, List<String> found, boolean yaml)
      throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      Set<String> seen = new HashSet<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        String child = path.isEmpty() ? name : path + "." + name;
        if (!seen.add(name)) {
          found.add(
              yaml
                  ? "line "
                      + parser.currentTokenLocation().getLineNr()
                      + ": key \""
                      + name
                      + "\" already set in map"
                  : "duplicate field \"" + child + "\"");
        }
        parser.nextToken();
        walk(parser, child, found, yaml);
      }
    } else if (token == JsonToken.START_ARRAY) {
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        walk(parser, path + "[" + index++ + "]", found, yaml);
      }
    }
  }
}
