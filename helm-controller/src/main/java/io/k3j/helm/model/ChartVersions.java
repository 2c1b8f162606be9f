package io.k3j.helm.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;

/**
 * Picks a chart version from a repository index's entries: the exact version asked for (a leading
 * {@code v} on either side is ignored), or, when none is asked for, the highest version that is not
 * a pre-release. Version ranges are not supported: they find nothing.
 */
public final class ChartVersions {
  private ChartVersions() {}

  public static JsonNode pick(List<JsonNode> entries, String wanted) {
    if (wanted != null && !wanted.isBlank()) {
      String w = strip(wanted.strip());
      return entries.stream()
          .filter(e -> strip(e.path("version").asText("")).equals(w))
          .findFirst()
          .orElse(null);
    }
    return entries.stream()
        .filter(e -> !strip(e.path("version").asText("")).contains("-"))
        .max(Comparator.comparing(e -> e.path("version").asText(""), ChartVersions::compare))
        .orElse(null);
  }

  /** Compares dotted numeric versions part by part; a non-numeric part compares as text. */
  static int compare(String a, String b) {
    String[] x = strip(a).split("[.+-]");
    String[] y = strip(b).split("[.+-]");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      String p = i < x.length ? x[i] : "0";
      String q = i < y.length ? y[i] : "0";
      int c;
      try {
        c = Long.compare(Long.parseLong(p), Long.parseLong(q));
      } catch (NumberFormatException e) {
        c = p.compareTo(q);
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static String strip(String v) {
    return v.startsWith("v") ? v.substring(1) : v;
  }
}
