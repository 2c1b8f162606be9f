package io.k3j.core.apiserver.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One entry of an HTTP {@code Accept} header (RFC 9110 section 12.5.1): a media type with its
 * parameters and quality.
 */
record MediaRange(String type, Map<String, String> params, double quality) {

  /** The entries of a header, most preferred first (by quality, then in the order given). */
  static List<MediaRange> parseAll(String header) {
    List<MediaRange> ranges = new ArrayList<>();
    if (header == null) {
      return ranges;
    }
    for (String entry : header.split(",")) {
      MediaRange range = parse(entry);
      if (range != null && range.quality() > 0) {
        ranges.add(range);
      }
    }
    ranges.sort(Comparator.comparingDouble(MediaRange::quality).reversed());
    return ranges;
  }

  private static MediaRange parse(String entry) {
    String[] parts = entry.split(";");
    String type = parts[0].trim().toLowerCase(Locale.ROOT);
    if (type.isEmpty()) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    double quality = 1;
    for (int i = 1; i < parts.length; i++) {
      String[] pair = parts[i].split("=", 2);
      String name = pair[0].trim().toLowerCase(Locale.ROOT);
      String value = pair.length == 2 ? pair[1].trim().replace("\"", "") : "";
      if (name.equals("q")) {
        quality = parseQuality(value);
      } else if (!name.isEmpty()) {
        params.put(name, value);
      }
    }
    return new MediaRange(type, params, quality);
  }

  private static double parseQuality(String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  String param(String name) {
    return params.get(name);
  }

  /** Whether plain JSON objects satisfy this range ({@code application/json}, wildcards). */
  boolean acceptsJson() {
    return type.equals("application/json") || type.equals("application/*") || type.equals("*/*");
  }
}
