package io.k3j.runtime;

import java.util.List;

/**
 * One server flag's value as given, and where it came from so that an error can say which file,
 * variable or flag to fix.
 *
 * @param values the value; a repeatable flag may have several, every other flag has one
 * @param origin where it was set, e.g. {@code /etc/k3j/config.yaml:3} or {@code $K3J_TOKEN}
 */
record Setting(List<String> values, String origin) {
  Setting {
    values = List.copyOf(values);
  }

  static Setting of(String value, String origin) {
    return new Setting(List.of(value), origin);
  }

  /** The value of a flag that takes one. */
  String value() {
    return values.get(values.size() - 1);
  }
}
