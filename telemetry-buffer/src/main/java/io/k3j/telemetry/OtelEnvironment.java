package io.k3j.telemetry;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the standard exporter variables (OTLP spec, "OpenTelemetry Protocol Exporter") into one
 * destination named {@code otel}: {@code OTEL_EXPORTER_OTLP_ENDPOINT} is a base URL that gets
 * {@code v1/<signal>} appended, per-signal endpoints are used as-is, headers are {@code k=v,k=v},
 * compression is gzip or none, the timeout is in milliseconds and the protocol is grpc or
 * http/protobuf.
 */
final class OtelEnvironment {
  private static final String PREFIX = "OTEL_EXPORTER_OTLP_";
  private static final String DESTINATION = "destination.otel.";

  private OtelEnvironment() {}

  static Map<String, String> toConfigMap(Map<String, String> env) {
    Map<String, String> map = new LinkedHashMap<>();
    String base = env.get(PREFIX + "ENDPOINT");
    boolean any = base != null;
    if (base != null) {
      map.put(DESTINATION + "endpoint", base);
    }
    for (String signal : new String[] {"traces", "metrics", "logs"}) {
      String own = env.get(PREFIX + signal.toUpperCase(Locale.ROOT) + "_ENDPOINT");
      if (own != null) {
        map.put(DESTINATION + signal + "-endpoint", own);
        any = true;
      }
    }
    if (!any) {
      return map;
    }
    String protocol = env.get(PREFIX + "PROTOCOL");
    if (protocol != null) {
      if (!protocol.equals("grpc")
          && !protocol.equals("http/protobuf")
          && !protocol.equals("http/json")) {
        throw new ConfigException(
            PREFIX + "PROTOCOL",
            "expected grpc, http/protobuf or http/json, not '" + protocol + "'");
      }
      map.put(DESTINATION + "protocol", protocol);
    }
    String headers = env.get(PREFIX + "HEADERS");
    if (headers != null) {
      for (String pair : headers.split(",")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          map.put(
              DESTINATION + "header." + pair.substring(0, eq).trim(),
              percentDecoded(pair.substring(eq + 1).trim()));
        }
      }
    }
    if (env.get(PREFIX + "COMPRESSION") != null) {
      map.put(DESTINATION + "compression", env.get(PREFIX + "COMPRESSION"));
    }
    if (env.get(PREFIX + "TIMEOUT") != null) {
      map.put(DESTINATION + "timeout-ms", env.get(PREFIX + "TIMEOUT"));
    }
    tlsFiles(env, map);
    return map;
  }

  /**
   * {@code OTEL_EXPORTER_OTLP_CERTIFICATE}, {@code _CLIENT_KEY} and {@code _CLIENT_CERTIFICATE}.
   * The buffer sends every signal over one connection setting, so a per-signal form ({@code
   * OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE} ...) is accepted when the generic one is unset and all
   * signals that set it agree; different files per signal are refused rather than half-applied.
   */
  private static void tlsFiles(Map<String, String> env, Map<String, String> map) {
    String[][] settings = {
      {"CERTIFICATE", "certificate"},
      {"CLIENT_KEY", "client-key"},
      {"CLIENT_CERTIFICATE", "client-certificate"}
    };
    for (String[] setting : settings) {
      String value = env.get(PREFIX + setting[0]);
      if (value == null) {
        value = perSignal(env, setting[0]);
      }
      if (value != null) {
        map.put(DESTINATION + setting[1], value);
      }
    }
  }

  private static String perSignal(Map<String, String> env, String setting) {
    String found = null;
    String foundKey = null;
    for (String signal : new String[] {"TRACES", "METRICS", "LOGS"}) {
      String key = PREFIX + signal + "_" + setting;
      String value = env.get(key);
      if (value == null) {
        continue;
      }
      if (found != null && !found.equals(value)) {
        throw new ConfigException(
            key,
            "differs from "
                + foundKey
                + ": the buffer uses one TLS setting for all signals; set "
                + PREFIX
                + setting
                + " instead");
      }
      found = value;
      foundKey = key;
    }
    return found;
  }

  /** Header values use the W3C Baggage encoding, where values are percent-encoded. */
  private static String percentDecoded(String value) {
    try {
      return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(PREFIX + "HEADERS", "bad percent-encoding in '" + value + "'");
    }
  }
}
