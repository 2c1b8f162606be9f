package io.k3j.addons.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Splits a manifest into objects. Documents are separated by lines that start with {@code ---}
 * followed only by blanks (as Kubernetes' YAML reader splits them); documents holding only blanks
 * and comments are skipped; a document whose kind ends in {@code List} and that has {@code items}
 * contributes its items. JSON is YAML, so {@code .json} files take the same path. A document that
 * cannot be read, or is not an object with {@code apiVersion}, {@code kind} and {@code
 * metadata.name}, fails the whole file with a message naming the document.
 */
public final class ManifestParser {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private ManifestParser() {}

  /** Thrown for a manifest that cannot be parsed; the message names the document. */
  public static final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    ParseException(String message) {
      super(message);
    }
  }

  public static List<ManifestObject> parse(byte[] content) throws ParseException {
    List<ManifestObject> objects = new ArrayList<>();
    int document = 0;
    for (Chunk chunk : split(new String(content, StandardCharsets.UTF_8))) {
      if (chunk.isEmpty()) {
        continue;
      }
      document++;
      JsonNode node = read(chunk, document);
      if (node == null || node.isNull() || node.isMissingNode()) {
        continue;
      }
      if (isList(node)) {
        int item = 0;
        for (JsonNode element : node.get("items")) {
          item++;
          objects.add(toObject(element, document, chunk.line(), item));
        }
      } else {
        objects.add(toObject(node, document, chunk.line(), 0));
      }
    }
    return objects;
  }

  static String origin(int document, int line) {
    return "document " + document + " (line " + line + ")";
  }

  private record Chunk(String text, int line) {
    boolean isEmpty() {
      for (String l : text.split("\n", -1)) {
        String s = l.strip();
        if (!s.isEmpty() && !s.equals("---") && !s.startsWith("#")) {
          return false;
        }
      }
      return true;
    }
  }

  private static List<Chunk> split(String text) {
    List<Chunk> chunks = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int start = 1;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith("---") && line.substring(3).isBlank()) {
        chunks.add(new Chunk(current.toString(), start));
        current.setLength(0);
        start = i + 2;
      } else {
        current.append(line).append('\n');
      }
    }
    chunks.add(new Chunk(current.toString(), start));
    return chunks;
  }

  private static JsonNode read(Chunk chunk, int document) throws ParseException {
    String text = chunk.text();
    String stripped = text.strip();
    ObjectMapper mapper = stripped.startsWith("{") || stripped.startsWith("[") ? JSON : YAML;
    try {
      return mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ParseException(origin(document, chunk.line()) + ": " + describe(e, chunk.line()));
    }
  }

  /** The parser's complaint with lines counted in the file, not in the document. */
  private static String describe(JsonProcessingException e, int firstLine) {
    if (e.getCause() instanceof MarkedYAMLException yaml) {
      StringBuilder text = new StringBuilder();
      if (yaml.getContext() != null) {
        text.append(yaml.getContext()).append(at(yaml.getContextMark(), firstLine)).append(": ");
      }
      return text.append(yaml.getProblem()).append(at(yaml.getProblemMark(), firstLine)).toString();
    }
    String at =
        e.getLocation() == null || e.getLocation().getLineNr() < 1
            ? ""
            : " at line "
                + (firstLine + e.getLocation().getLineNr() - 1)
                + ", column "
                + e.getLocation().getColumnNr();
    return e.getOriginalMessage() + at;
  }

  private static String at(Mark mark, int firstLine) {
    return mark == null
        ? ""
        : " at line " + (firstLine + mark.getLine()) + ", column " + (mark.getColumn() + 1);
  }

  private static boolean isList(JsonNode node) {
    return node.isObject()
        && node.path("kind").asText("").endsWith("List")
        && node.path("items").isArray();
  }

  private static ManifestObject toObject(JsonNode node, int document, int line, int item)
      throws ParseException {
    String where = origin(document, line) + (item > 0 ? " item " + item : "");
    if (!node.isObject()) {
      throw new ParseException(where + ": not an object but " + node.getNodeType());
    }
    ObjectNode object = (ObjectNode) node;
    for (String field : List.of("apiVersion", "kind")) {
      if (!object.path(field).isTextual() || object.path(field).asText().isEmpty()) {
        throw new ParseException(where + ": " + field + " is missing");
      }
    }
    if (!object.path("metadata").path("name").isTextual()
        || object.path("metadata").path("name").asText().isEmpty()) {
      throw new ParseException(
          where + ": " + object.path("kind").asText() + " has no metadata.name");
    }
    try {
      GenericKubernetesResource resource =
          JSON.treeToValue(object, GenericKubernetesResource.class);
      return new ManifestObject(resource, document, line, item);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ParseException(where + ": " + e.getMessage());
    }
  }
}
