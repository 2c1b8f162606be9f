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
      if (!protocol.equals("grpc") && !protocol.equals("http/protobuf")) {
        throw new ConfigException(
            PREFIX + "PROTOCOL",
            "the buffer forwards binary protobuf: use grpc or http/protobuf, not '"
                + protocol
                + "'");
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
    return map;
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
