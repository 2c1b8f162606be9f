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
    result.add(other);
    return result;
  }

  /** Adds the members of {@code other} to this set. */
  private void add(FieldSet other) {
    member |= other.member;
    other.children.forEach(
        (element, child) -> children.computeIfAbsent(element, e -> new FieldSet()).add(child));
  }

  /** The members of this set that {@code other} does not hold. */
  FieldSet minus(FieldSet other) {
    FieldSet result = new FieldSet();
    result.member = member && !other.member;
    children.forEach(
        (element, child) -> {
          FieldSet theirs = other.children.get(element);
          result.putIfNotEmpty(element, theirs == null ? child.copy() : child.minus(theirs));
        });
    return result;
  }

  /** The members of this set that {@code other} also holds. */
  FieldSet intersect(FieldSet other) {
    FieldSet result = new FieldSet();
    result.member = member && other.member;
    children.forEach(
        (element, child) -> {
          FieldSet theirs = other.children.get(element);
          if (theirs != null) {
            result.putIfNotEmpty(element, child.intersect(theirs));
          }
        });
    return result;
  }

  /**
   * A copy holding the same members. Sets are kept without empty branches (every path leads to a
   * member: {@link #insert} and {@link #fromFieldsV1} build them so and the set operations keep
   * it), so the set operations and equality can work on the trees directly.
   */
  FieldSet copy() {
    FieldSet result = new FieldSet();
    result.member = member;
    children.forEach((element, child) -> result.putIfNotEmpty(element, child.copy()));
    return result;
  }

  private void putIfNotEmpty(String element, FieldSet child) {
    if (!child.isEmpty()) {
      children.put(element, child);
    }
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
    return other instanceof FieldSet set && member == set.member && children.equals(set.children);
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(member) * 31 + children.hashCode();
  }

  @Override
  public String toString() {
    return toFieldsV1().toString();
  }
}
