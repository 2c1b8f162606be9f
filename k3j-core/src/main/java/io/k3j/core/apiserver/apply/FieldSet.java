package io.k3j.core.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of field paths in the FieldsV1 form of {@code metadata.managedFields}: a tree whose edges
 * are path elements ({@code f:<field>}, {@code k:<key fields as JSON>}, {@code v:<value as JSON>},
 * {@code i:<index>}) and whose nodes may be members themselves. In FieldsV1 a member with children
 * is marked by a {@code "."} entry; a member without children is an empty object (Kubernetes API
 * reference, "FieldsV1").
 */
final class FieldSet {
  private boolean member;
  private final Map<String, FieldSet> children = new TreeMap<>();

  /** Whether the set has no member at all. */
  boolean isEmpty() {
    return !member && children.isEmpty();
  }

  /** Adds the path; an empty path makes this node a member. */
  void insert(List<String> path) {
    FieldSet node = this;
    for (String element : path) {
      node = node.children.computeIfAbsent(element, e -> new FieldSet());
    }
    node.member = true;
  }

  boolean contains(List<String> path) {
    FieldSet node = this;
    for (String element : path) {
      node = node.children.get(element);
      if (node == null) {
        return false;
      }
    }
    return node.member;
  }

  /** Whether {@code path} or anything below it is a member. */
  boolean touches(List<String> path) {
    FieldSet node = this;
    for (String element : path) {
      node = node.children.get(element);
      if (node == null) {
        return false;
      }
    }
    return true;
  }

  /** Every member path, parents before their children. */
  List<List<String>> paths() {
    List<List<String>> paths = new ArrayList<>();
    collect(new ArrayList<>(), paths);
    return paths;
  }

  private void collect(List<String> prefix, List<List<String>> into) {
    if (member) {
      into.add(List.copyOf(prefix));
    }
    children.forEach(
        (element, child) -> {
          prefix.add(element);
          child.collect(prefix, into);
          prefix.remove(prefix.size() - 1);
        });
  }

  FieldSet union(FieldSet other) {
    FieldSet result = copy();
    other.paths().forEach(result::insert);
    return result;
  }

  /** The members of this set that {@code other} does not hold. */
  FieldSet minus(FieldSet other) {
    FieldSet result = new FieldSet();
    paths().stream().filter(path -> !other.contains(path)).forEach(result::insert);
    return result;
  }

  /** The members of this set that {@code other} also holds. */
  FieldSet intersect(FieldSet other) {
    FieldSet result = new FieldSet();
    paths().stream().filter(other::contains).forEach(result::insert);
    return result;
  }

  FieldSet copy() {
    FieldSet result = new FieldSet();
    paths().forEach(result::insert);
    return result;
  }

  /** The FieldsV1 object of this set. */
  ObjectNode toFieldsV1() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    if (member && !children.isEmpty()) {
      json.putObject(".");
    }
    children.forEach((element, child) -> json.set(element, child.toFieldsV1()));
    return json;
  }

  /** Reads a FieldsV1 object; a malformed one is an {@link IllegalArgumentException}. */
  static FieldSet fromFieldsV1(JsonNode json) {
    FieldSet set = new FieldSet();
    set.read(json);
    set.member = false;
    return set;
  }

  private void read(JsonNode json) {
    if (!json.isObject()) {
      throw new IllegalArgumentException("a FieldsV1 entry must be an object, not " + json);
    }
    member = json.isEmpty();
    Iterator<Map.Entry<String, JsonNode>> entries = json.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String element = entry.getKey();
      if (element.equals(".")) {
        member = true;
        continue;
      }
      if (element.length() < 3
          || element.charAt(1) != ':'
          || "fkvi".indexOf(element.charAt(0)) < 0) {
        throw new IllegalArgumentException("unknown FieldsV1 path element \"" + element + "\"");
      }
      FieldSet child = new FieldSet();
      child.read(entry.getValue());
      children.put(element, child);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldSet && paths().equals(((FieldSet) other).paths());
  }

  @Override
  public int hashCode() {
    return paths().hashCode();
  }

  @Override
  public String toString() {
    return toFieldsV1().toString();
  }
}
