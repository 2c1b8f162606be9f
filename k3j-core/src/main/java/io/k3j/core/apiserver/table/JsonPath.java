package io.k3j.core.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes JSONPath subset CRD printer columns use: {@code .a.b}, {@code ['a.b']}, {@code
 * ..a}, {@code [0]}, {@code [-1]}, {@code [1:3]}, {@code [*]}, {@code .*} and filters such as
 * {@code [?(@.type=="Ready")]} or {@code [?(@.count>1)]}. Missing keys yield no result rather than
 * an error, as kube-apiserver evaluates printer columns.
 */
final class JsonPath {
  private final List<Step> steps;

  private JsonPath(List<Step> steps) {
    this.steps = List.copyOf(steps);
  }

  /**
   * Parses an expression, with or without the surrounding braces and the leading {@code $}.
   *
   * @throws IllegalArgumentException naming the problem when the expression is not in the subset
   */
  static JsonPath parse(String expression) {
    String text = expression.strip();
    if (text.startsWith("{") && text.endsWith("}")) {
      text = text.substring(1, text.length() - 1).strip();
    }
    return new Parser(text).parse();
  }

  /** Every node the path selects, in document order. */
  List<JsonNode> evaluate(JsonNode root) {
    List<JsonNode> current = List.of(root);
    for (Step step : steps) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        step.apply(node, next);
      }
      current = next;
    }
    return current;
  }

  /** One step from each current node to the nodes it selects. */
  private interface Step {
    void apply(JsonNode node, List<JsonNode> out);
  }

  private record Field(String name) implements Step {
    @Override
    public void apply(JsonNode node, List<JsonNode> out) {
      if (node.isObject() && node.has(name)) {
        out.add(node.get(name));
      }
    }
  }

  private record Descendants(String name) implements Step {
    @Override
    public void apply(JsonNode node, List<JsonNode> out) {
      if (node.isObject() && node.has(name)) {
        out.add(node.get(name));
      }
      node.elements().forEachRemaining(child -> apply(child, out));
    }
  }

  private record Wildcard() implements Step {
    @Override
    public void apply(JsonNode node, List<JsonNode> out) {
      node.elements().forEachRemaining(out::add);
    }
  }

  /** {@code [start:end]}; a negative bound counts from the end, null means the array's edge. */
  private record Slice(Integer start, Integer end) implements Step {
    @Override
    public void apply(JsonNode node, List<JsonNode> out) {
      if (!node.isArray()) {
        return;
      }
      int size = node.size();
      int from = bound(start, 0, size);
      int to = bound(end, size, size);
      for (int i = from; i < to; i++) {
        out.add(node.get(i));
      }
    }

    private static int bound(Integer value, int fallback, int size) {
      if (value == null) {
        return fallback;
      }
      int index = value < 0 ? size + value : value;
      return Math.max(0, Math.min(size, index));
    }
  }

  private record Index(int index) implements Step {
    @Override
    public void apply(JsonNode node, List<JsonNode> out) {
      int i = index < 0 ? node.size() + index : index;
      if (node.isArray() && i >= 0 && i < node.size()) {
        out.add(node.get(i));
      }
    }
  }

  /** {@code [?(@.path OP literal)]} or {@code [?(@.path)]} over an array's elements. */
  private record Filter(JsonPath left, String operator, JsonNode right) implements Step {
    @Override
    public void apply(JsonNode node, List<JsonNode> out) {
      if (!node.isArray()) {
        return;
      }
      for (JsonNode element : node) {
        List<JsonNode> values = left.evaluate(element);
        if (values.isEmpty()) {
          continue;
        }
        if (operator == null || FilterComparison.holds(values.get(0), operator, right)) {
          out.add(element);
        }
      }
    }
  }

  /** A recursive-descent reader of one expression. */
  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    JsonPath parse() {
      List<Step> steps = new ArrayList<>();
      if (text.startsWith("$") || text.startsWith("@")) {
        pos = 1;
      }
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (text.startsWith("..", pos)) {
          pos += 2;
          steps.add(new Descendants(name()));
        } else if (c == '.') {
          pos++;
          if (pos < text.length() && text.charAt(pos) == '*') {
            pos++;
            steps.add(new Wildcard());
          } else {
            String name = name();
            if (!name.isEmpty()) {
              steps.add(new Field(name));
            }
          }
        } else if (c == '[') {
          steps.add(bracket());
        } else {
          throw error("unexpected '" + c + "'");
        }
      }
      return new JsonPath(steps);
    }

    /** A field name up to the next unescaped {@code .} or {@code [}; {@code \.} is a dot. */
    private String name() {
      StringBuilder name = new StringBuilder();
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '\\' && pos + 1 < text.length()) {
          name.append(text.charAt(pos + 1));
          pos += 2;
        } else if (c == '.' || c == '[') {
          break;
        } else {
          name.append(c);
          pos++;
        }
      }
      return name.toString();
    }

    private Step bracket() {
      int close = closing(pos);
      String inside = text.substring(pos + 1, close).strip();
      pos = close + 1;
      if (inside.equals("*")) {
        return new Wildcard();
      }
      if (inside.startsWith("?(") && inside.endsWith(")")) {
        return filter(inside.substring(2, inside.length() - 1).strip());
      }
      if (FilterComparison.isQuoted(inside)) {
        return new Field(inside.substring(1, inside.length() - 1));
      }
      try {
        if (inside.contains(":")) {
          String[] bounds = inside.split(":", -1);
          return new Slice(optionalInt(bounds[0]), optionalInt(bounds[1]));
        }
        return new Index(Integer.parseInt(inside));
      } catch (NumberFormatException e) {
        throw error("invalid array index [" + inside + "]");
      }
    }

    private static Integer optionalInt(String text) {
      return text.isBlank() ? null : Integer.valueOf(text.strip());
    }

    private Step filter(String condition) {
      String[] parts = FilterComparison.split(condition);
      if (!parts[0].startsWith("@")) {
        throw error("a filter must start with @: " + condition);
      }
      JsonPath left = new Parser(parts[0]).parse();
      if (parts.length == 1) {
        return new Filter(left, null, null);
      }
      return new Filter(left, parts[1], FilterComparison.literal(parts[2]));
    }

    /** The index of the {@code ]} closing the bracket at {@code open}, skipping quoted text. */
    private int closing(int open) {
      char quote = 0;
      for (int i = open + 1; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quote != 0) {
          quote = c == quote ? 0 : quote;
        } else if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == ']') {
          return i;
        }
      }
      throw error("unclosed [");
    }

    private IllegalArgumentException error(String problem) {
      return new IllegalArgumentException(
          "invalid JSONPath \"" + text + "\" at " + pos + ": " + problem);
    }
  }
}
