package io.k3j.helm.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.k3j.crds.helm.v1.HelmChartConfigSpec;
import io.k3j.crds.helm.v1.HelmChartSpec;
import io.k3j.crds.helm.v1.SecretSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user-supplied values of a release, merged in k3s's documented order (low to high): HelmChart
 * {@code valuesContent}, {@code values}, {@code valuesSecrets}; HelmChartConfig {@code
 * valuesContent}, {@code values}, {@code valuesSecrets}; then HelmChart {@code set}. Maps merge
 * deeply, anything else is replaced, as Helm merges several {@code --values} files; the chart's own
 * defaults stay below all of them (Helm applies those). Pure: secrets come in as a map.
 */
public final class ChartValues {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private ChartValues() {}

  /**
   * The merged values.
   *
   * @param secrets secret data by secret name then key, already decoded; a missing secret or key
   *     that is not {@code ignoreUpdates} is an error
   * @throws IllegalArgumentException naming the source that is not valid YAML or is missing
   */
  public static Map<String, Object> merge(
      HelmChartSpec chart, HelmChartConfigSpec config, Map<String, Map<String, String>> secrets) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Source source : sources(chart, config, secrets)) {
      deepMerge(values, parse(source));
    }
    return SetValues.apply(values, chart.getSet());
  }

  /** The merged values as YAML, what Helm reads as one {@code --values} file. */
  public static String yaml(Map<String, Object> values) {
    try {
      return YAML.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A named piece of YAML, named so that a parse error says where it came from. */
  record Source(String name, String yaml) {}

  static List<Source> sources(
      HelmChartSpec chart, HelmChartConfigSpec config, Map<String, Map<String, String>> secrets) {
    List<Source> sources = new ArrayList<>();
    add(
        sources,
        "HelmChart",
        chart.getValuesContent(),
        chart.getValues(),
        chart.getValuesSecrets(),
        secrets);
    if (config != null) {
      add(
          sources,
          "HelmChartConfig",
          config.getValuesContent(),
          config.getValues(),
          config.getValuesSecrets(),
          secrets);
    }
    return sources;
  }

  private static void add(
      List<Source> sources,
      String kind,
      String valuesContent,
      JsonNode values,
      List<SecretSpec> valuesSecrets,
      Map<String, Map<String, String>> secrets) {
    if (valuesContent != null && !valuesContent.isBlank()) {
      sources.add(new Source(kind + " spec.valuesContent", valuesContent));
    }
    if (values != null && !values.isNull() && !values.isMissingNode()) {
      sources.add(new Source(kind + " spec.values", values.toString()));
    }
    for (SecretSpec s : valuesSecrets == null ? List.<SecretSpec>of() : valuesSecrets) {
      if (s.getKeys() == null || s.getKeys().isEmpty()) {
        continue;
      }
      Map<String, String> data = secrets.get(s.getName());
      boolean optional = Boolean.TRUE.equals(s.getIgnoreUpdates());
      if (data == null) {
        if (optional) {
          continue;
        }
        throw new IllegalArgumentException(
            kind + " spec.valuesSecrets: secret \"" + s.getName() + "\" not found");
      }
      for (String key : s.getKeys()) {
        String yaml = data.get(key);
        if (yaml == null) {
          if (optional) {
            continue;
          }
          throw new IllegalArgumentException(
              kind
                  + " spec.valuesSecrets: secret \""
                  + s.getName()
                  + "\" has no key \""
                  + key
                  + "\"");
        }
        sources.add(new Source(kind + " secret " + s.getName() + " key " + key, yaml));
      }
    }
  }

  private static Map<String, Object> parse(Source source) {
    try {
      Map<String, Object> parsed = YAML.readValue(source.yaml(), MAP);
      return parsed == null ? Map.of() : parsed;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          source.name() + " is not a YAML map: " + e.getOriginalMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  static void deepMerge(Map<String, Object> into, Map<String, Object> from) {
    for (Map.Entry<String, Object> e : from.entrySet()) {
      Object current = into.get(e.getKey());
      if (current instanceof Map && e.getValue() instanceof Map) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) current);
        deepMerge(copy, (Map<String, Object>) e.getValue());
        into.put(e.getKey(), copy);
      } else {
        into.put(e.getKey(), e.getValue());
      }
    }
  }
}
