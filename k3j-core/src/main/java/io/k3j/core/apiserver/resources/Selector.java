package io.k3j.core.apiserver.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Label and field selectors in Kubernetes' string syntax: {@code a=b}, {@code a==b}, {@code a!=b},
 * {@code a in (x,y)}, {@code a notin (x)}, {@code a}, {@code !a}, joined by commas.
 */
public final class Selector {
  private static final Pattern SET =
      Pattern.compile("\\s*([^\\s!=,()]+)\\s+(in|notin)\\s+\\(([^)]*)\\)\\s*");
  private static final Pattern EQUALITY =
      Pattern.compile("\\s*([^\\s!=,()]+)\\s*(==|=|!=)\\s*([^\\s!=,()]*)\\s*");
  private static final Pattern EXISTS = Pattern.compile("\\s*(!?)([^\\s!=,()]+)\\s*");

  private Selector() {}

  /** A label selector over {@code metadata.labels}; null or empty matches everything. */
  public static Predicate<JsonNode> labels(String selector) {
    return parse(
        selector,
        "labelSelector",
        (object, key) -> {
          JsonNode value = object.path("metadata").path("labels").get(key);
          return value == null || value.isNull() ? null : value.asText();
        });
  }

  /** A field selector on {@code metadata.name} and {@code metadata.namespace}. */
  public static Predicate<JsonNode> fields(String selector) {
    return fields(selector, null);
  }

  /**
   * A field selector on {@code metadata.name}, {@code metadata.namespace} and the fields {@code
   * type} supports ({@link FieldLabels}); an unsupported label is a 400 when the selector is
   * parsed.
   */
  public static Predicate<JsonNode> fields(String selector, ResourceType type) {
    List<String> extra = FieldLabels.of(type);
    if (selector != null && !selector.isBlank()) {
      for (String term : split(selector)) {
        String key = term.trim().split("\\s*(==|!=|=)\\s*|\\s+", 2)[0].replaceFirst("^!", "");
        if (!key.equals("metadata.name")
            && !key.equals("metadata.namespace")
            && !extra.contains(key)) {
          throw ApiException.badRequest("field label not supported: " + key);
        }
      }
    }
    return parse(
        selector,
        "fieldSelector",
        (object, key) -> {
          switch (key) {
            case "metadata.name":
              return object.path("metadata").path("name").asText("");
            case "metadata.namespace":
              return object.path("metadata").path("namespace").asText("");
            default:
              return FieldLabels.value(object, key);
          }
        });
  }

  private interface Lookup {
    String value(JsonNode object, String key);
  }

  private static Predicate<JsonNode> parse(String selector, String param, Lookup lookup) {
    if (selector == null || selector.isBlank()) {
      return object -> true;
    }
    List<Predicate<JsonNode>> terms = new ArrayList<>();
    for (String term : split(selector)) {
      terms.add(term(term, param, lookup));
    }
    return object -> terms.stream().allMatch(t -> t.test(object));
  }

  private static Predicate<JsonNode> term(String term, String param, Lookup lookup) {
    Matcher set = SET.matcher(term);
    if (set.matches()) {
      String key = set.group(1);
      Set<String> values = Set.of(set.group(3).trim().split("\\s*,\\s*"));
      boolean in = set.group(2).equals("in");
      return object -> {
        String value = lookup.value(object, key);
        return in
            ? value != null && values.contains(value)
            : value == null || !values.contains(value);
      };
    }
    Matcher equality = EQUALITY.matcher(term);
    if (equality.matches()) {
      String key = equality.group(1);
      String expected = equality.group(3);
      boolean equal = !equality.group(2).equals("!=");
      return object -> expected.equals(lookup.value(object, key)) == equal;
    }
    Matcher exists = EXISTS.matcher(term);
    if (exists.matches() && !param.equals("fieldSelector")) {
      String key = exists.group(2);
      boolean negated = !exists.group(1).isEmpty();
      return object -> (lookup.value(object, key) != null) != negated;
    }
    throw ApiException.badRequest(
        "unable to parse requirement: \"" + term.trim() + "\" in " + param);
  }

  /** Splits on commas outside parentheses. */
  private static List<String> split(String selector) {
    List<String> terms = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        terms.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    terms.add(selector.substring(start));
    return terms;
  }

  /**
   * Whether {@code labels} match a structured {@code metav1.LabelSelector} (matchLabels and
   * matchExpressions). A missing selector selects nothing; an empty one selects everything.
   */
  public static boolean matches(JsonNode labelSelector, JsonNode labels) {
    if (labelSelector.isMissingNode() || labelSelector.isNull()) {
      return false;
    }
    Iterator<Map.Entry<String, JsonNode>> required = labelSelector.path("matchLabels").fields();
    while (required.hasNext()) {
      Map.Entry<String, JsonNode> label = required.next();
      if (!label.getValue().asText("").equals(labels.path(label.getKey()).asText(null))) {
        return false;
      }
    }
    for (JsonNode expression : labelSelector.path("matchExpressions")) {
      JsonNode label = labels.get(expression.path("key").asText(""));
      Set<String> values = new HashSet<>();
      expression.path("values").forEach(v -> values.add(v.asText()));
      boolean ok =
          switch (expression.path("operator").asText("")) {
            case "In" -> label != null && values.contains(label.asText());
            case "NotIn" -> label == null || !values.contains(label.asText());
            case "Exists" -> label != null;
            case "DoesNotExist" -> label == null;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
