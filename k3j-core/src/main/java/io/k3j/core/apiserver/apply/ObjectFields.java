package io.k3j.core.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The field sets of object trees under a schema: what an applied configuration sets, and what an
 * update added, changed or removed.
 */
final class ObjectFields {
  /** What an update did: paths it added or changed, and paths it removed. */
  record Changes(FieldSet changed, FieldSet removed) {}

  private static final JsonNode EMPTY = JsonNodeFactory.instance.arrayNode();

  private ObjectFields() {}

  /**
   * The fields an applied configuration sets: every scalar, atomic list and atomic object; items of
   * map and set lists; map entries; and empty or null values.
   */
  static FieldSet of(JsonNode object, TypeSchema schema) {
    FieldSet set = new FieldSet();
    collect(object, schema, new ArrayList<>(), set, false);
    return set;
  }

  /** The changes from {@code before} to {@code after}; either may be null (absent). */
  static Changes diff(JsonNode before, JsonNode after, TypeSchema schema) {
    Changes changes = new Changes(new FieldSet(), new FieldSet());
    compare(before, after, schema, new ArrayList<>(), changes);
    return changes;
  }

  private static void collect(
      JsonNode value, TypeSchema schema, List<String> path, FieldSet into, boolean marked) {
    if (marked) {
      into.insert(path);
    }
    if (value.isObject() && !schema.atomicObject()) {
      value
          .fields()
          .forEachRemaining(
              entry -> {
                JsonNode child = entry.getValue();
                boolean self =
                    child.isNull()
                        || (child.isObject() && child.isEmpty())
                        || !schema.declares(entry.getKey());
                path.add(PathElements.field(entry.getKey()));
                collect(child, schema.field(entry.getKey()), path, into, self);
                path.remove(path.size() - 1);
              });
    } else if (value.isArray() && !schema.listType().equals("atomic")) {
      TypeSchema items = schema.items();
      for (JsonNode item : value) {
        path.add(PathElements.item(schema, item));
        collect(item, items, path, into, true);
        path.remove(path.size() - 1);
      }
    } else {
      into.insert(path);
    }
  }

  private static void compare(
      JsonNode before, JsonNode after, TypeSchema schema, List<String> path, Changes changes) {
    if (before == null && after == null) {
      return;
    }
    if (before == null || after == null) {
      onlyOneSide(before == null ? after : before, schema, path, changes, before == null);
      return;
    }
    boolean emptyObjects =
        before.isObject() && after.isObject() && before.isEmpty() && after.isEmpty();
    if (before.isObject() && after.isObject() && !schema.atomicObject() && !emptyObjects) {
      Set<String> names = new LinkedHashSet<>();
      before.fieldNames().forEachRemaining(names::add);
      after.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        path.add(PathElements.field(name));
        compare(before.get(name), after.get(name), schema.field(name), path, changes);
        path.remove(path.size() - 1);
      }
    } else if (before.isArray() && after.isArray() && !schema.listType().equals("atomic")) {
      compareItems(before, after, schema, path, changes);
    } else if (!before.equals(after)) {
      compare(before, null, schema, path, changes);
      compare(null, after, schema, path, changes);
    }
  }

  /**
   * A value present on one side only: it and everything below it are added (or removed). Upstream
   * marks a new map or list item itself; Go structs exist as zero values and are not marked.
   */
  private static void onlyOneSide(
      JsonNode present, TypeSchema schema, List<String> path, Changes changes, boolean added) {
    FieldSet side = added ? changes.changed() : changes.removed();
    boolean granular =
        (present.isObject() && !schema.atomicObject() && !present.isEmpty())
            || (present.isArray() && !schema.listType().equals("atomic"));
    if (!granular) {
      side.insert(path);
      return;
    }
    if (present.isObject() && (isItem(path) || !schema.struct())) {
      side.insert(path);
    }
    JsonNode before = added ? null : present;
    JsonNode after = added ? present : null;
    if (present.isObject()) {
      present
          .fieldNames()
          .forEachRemaining(
              name -> {
                path.add(PathElements.field(name));
                compare(
                    before == null ? null : before.get(name),
                    after == null ? null : after.get(name),
                    schema.field(name),
                    path,
                    changes);
                path.remove(path.size() - 1);
              });
    } else {
      compareItems(added ? EMPTY : present, added ? present : EMPTY, schema, path, changes);
    }
  }

  private static void compareItems(
      JsonNode before, JsonNode after, TypeSchema list, List<String> path, Changes changes) {
    Set<String> elements = new LinkedHashSet<>();
    before.forEach(item -> elements.add(PathElements.item(list, item)));
    after.forEach(item -> elements.add(PathElements.item(list, item)));
    for (String element : elements) {
      path.add(element);
      compare(find(before, list, element), find(after, list, element), list.items(), path, changes);
      path.remove(path.size() - 1);
    }
  }

  private static JsonNode find(JsonNode array, TypeSchema list, String element) {
    for (JsonNode item : array) {
      if (element.equals(PathElements.item(list, item))) {
        return item;
      }
    }
    return null;
  }

  private static boolean isItem(List<String> path) {
    return !path.isEmpty() && !path.get(path.size() - 1).startsWith("f:");
  }
}
