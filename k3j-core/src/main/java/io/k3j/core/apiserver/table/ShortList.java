package io.k3j.core.apiserver.table;

import java.util.ArrayList;
import java.util.List;

/** A cell listing the first few values, then {@code + N more...}, as kubectl's printers do. */
final class ShortList {
  private final int max;
  private final List<String> shown = new ArrayList<>();
  private int count;

  ShortList(int max) {
    this.max = max;
  }

  void add(String value) {
    if (shown.size() < max) {
      shown.add(value);
    }
    count++;
  }

  /**
   * The values joined by {@code separator}.
   *
   * @param empty what an empty list reads as
   */
  String format(String separator, String empty) {
    String joined = String.join(separator, shown);
    if (count > max) {
      return joined + " + " + (count - max) + " more...";
    }
    return joined.isEmpty() ? empty : joined;
  }
}
