package io.k3j.helm.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies a HelmChart's {@code spec.set} onto a values tree as Helm's {@code --set} and {@code
 * --set-string} would: keys are dotted paths ({@code a.b.c}, {@code \.} escapes a dot, {@code
 * name[2]} indexes a list); integers and values spelled {@code true}, {@code false} or {@code null}
 * are typed (k3s helm-controller's {@code typedVal}), everything else stays a string, commas
 * included. Keys are applied in sorted order, as upstream passes them.
 */
public final class SetValues {
  private SetValues() {}

  /** Applies every entry of {@code set} to {@code values} (mutated) and returns it. */
  public static Map<String, Object> apply(
      Map<String, Object> values, Map<String, IntOrString> set) {
    if (set == null) {
      return values;
    }
    for (Map.Entry<String, IntOrString> e : new TreeMap<>(set).entrySet()) {
      put(values, path(e.getKey()), typed(e.getValue()));
    }
    return values;
  }

  /** The value as {@code --set} would type it, or a string as {@code --set-string} keeps it. */
  static Object typed(IntOrString value) {
    if (value == null) {
      return null;
    }
    if (value.getIntVal() != null) {
      return value.getIntVal().longValue();
    }
    String s = value.getStrVal() == null ? "" : value.getStrVal();
    switch (s.toLowerCase(Locale.ROOT)) {
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      case "null":
        return null;
      default:
        return s;
    }
  }

  /** One element of a key path: a map key, optionally followed by list indexes. */
  record Segment(String key, List<Integer> indexes) {}

  static List<Segment> path(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("set: empty key");
    }
    List<Segment> segments = new ArrayList<>();
    StringBuilder name = new StringBuilder();
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '\\' && i + 1 < key.length()) {
        name.append(key.charAt(++i));
      } else if (c == '.') {
        segments.add(segment(key, name, indexes));
        name.setLength(0);
        indexes = new ArrayList<>();
      } else if (c == '[') {
        int end = key.indexOf(']', i);
        if (end < 0) {
          throw new IllegalArgumentException("set: unclosed [ in key \"" + key + "\"");
        }
        try {
          int index = Integer.parseInt(key.substring(i + 1, end));
          if (index < 0) {
            throw new NumberFormatException();
          }
          indexes.add(index);
        } catch (NumberFormatException ex) {
          throw new IllegalArgumentException(
              "set: bad list index \"" + key.substring(i + 1, end) + "\" in key \"" + key + "\"");
        }
        i = end;
      } else {
        name.append(c);
      }
    }
    segments.add(segment(key, name, indexes));
    return segments;
  }

  private static Segment segment(String key, StringBuilder name, List<Integer> indexes) {
    if (name.length() == 0) {
      throw new IllegalArgumentException("set: empty path element in key \"" + key + "\"");
    }
    return new Segment(name.toString(), List.copyOf(indexes));
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> root, List<Segment> path, Object value) {
    Object container = root;
    for (int s = 0; s < path.size(); s++) {
      Segment segment = path.get(s);
      boolean lastSegment = s == path.size() - 1;
      Map<String, Object> map = (Map<String, Object>) container;
      if (segment.indexes().isEmpty()) {
        if (lastSegment) {
          map.put(segment.key(), value);
          return;
        }
        Object next = map.get(segment.key());
        if (!(next instanceof Map)) {
          next = new LinkedHashMap<String, Object>();
          map.put(segment.key(), next);
        }
        container = next;
        continue;
      }
      Object list = map.get(segment.key());
      if (!(list instanceof List)) {
        list = new ArrayList<Object>();
        map.put(segment.key(), list);
      }
      for (int i = 0; i < segment.indexes().size(); i++) {
        List<Object> items = (List<Object>) list;
        int index = segment.indexes().get(i);
        while (items.size() <= index) {
          items.add(null);
        }
        boolean lastIndex = i == segment.indexes().size() - 1;
        if (lastSegment && lastIndex) {
          items.set(index, value);
          return;
        }
        Object next = items.get(index);
        if (lastIndex) {
          if (!(next instanceof Map)) {
            next = new LinkedHashMap<String, Object>();
            items.set(index, next);
          }
        } else if (!(next instanceof List)) {
          next = new ArrayList<Object>();
          items.set(index, next);
        }
        list = next;
      }
      container = list;
    }
  }
}
