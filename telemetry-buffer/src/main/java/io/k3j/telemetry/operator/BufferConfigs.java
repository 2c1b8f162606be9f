package io.k3j.telemetry.operator;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.k3j.crds.telemetry.v1.DestinationSpec;
import io.k3j.crds.telemetry.v1.HeaderSpec;
import io.k3j.crds.telemetry.v1.TelemetryBuffer;
import io.k3j.crds.telemetry.v1.TelemetryBufferSpec;
import io.k3j.crds.telemetry.v1.TlsSpec;
import io.k3j.telemetry.TelemetryBufferConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The buffer's flat config map from a TelemetryBuffer and the Secrets it names: a pure function, so
 * that the whole spec-to-buffer mapping is validated once by {@link TelemetryBufferConfig#fromMap}
 * and tested without a server. Secret values are copied in; a change of a Secret therefore changes
 * the config and restarts only the destinations that use it.
 */
final class BufferConfigs {
  static final String ONEUPTIME_HEADER = "x-oneuptime-token";

  private BufferConfigs() {}

  /**
   * @param secrets a Secret of the buffer's namespace by name, or null when it does not exist
   */
  static Map<String, String> toMap(
      TelemetryBuffer buffer, Path dataDir, Function<String, Secret> secrets) {
    TelemetryBufferSpec spec = buffer.getSpec();
    if (spec == null) {
      spec = new TelemetryBufferSpec();
    }
    Map<String, String> map = new LinkedHashMap<>();
    map.put(TelemetryBufferConfig.DATA_DIR, dataDir.toString());
    if (spec.getListen() != null) {
      put(map, TelemetryBufferConfig.HTTP_LISTEN, spec.getListen().getHttp());
      put(map, TelemetryBufferConfig.GRPC_LISTEN, spec.getListen().getGrpc());
    }
    put(map, TelemetryBufferConfig.MAX_DISK, bytes("spec.maxDisk", spec.getMaxDisk()));
    put(map, TelemetryBufferConfig.MIN_FREE_DISK, bytes("spec.minFreeDisk", spec.getMinFreeDisk()));
    put(map, TelemetryBufferConfig.FULL_POLICY, spec.getFullPolicy());
    List<DestinationSpec> destinations =
        spec.getDestinations() == null ? List.of() : spec.getDestinations();
    Set<String> names = new HashSet<>();
    for (DestinationSpec destination : destinations) {
      if (!names.add(destination.getName())) {
        throw new SpecException(
            "InvalidSpec", "destination name '" + destination.getName() + "' is used twice");
      }
      destination(map, destination, secrets);
    }
    return map;
  }

  private static void destination(
      Map<String, String> map, DestinationSpec spec, Function<String, Secret> secrets) {
    String prefix = TelemetryBufferConfig.DESTINATION_PREFIX + spec.getName() + ".";
    put(map, prefix + "endpoint", spec.getEndpoint());
    put(map, prefix + "traces-endpoint", spec.getTracesEndpoint());
    put(map, prefix + "metrics-endpoint", spec.getMetricsEndpoint());
    put(map, prefix + "logs-endpoint", spec.getLogsEndpoint());
    put(map, prefix + "protocol", spec.getProtocol());
    put(map, prefix + "compression", spec.getCompression());
    String where = "destination " + spec.getName();
    if (spec.getHeaders() != null) {
      for (HeaderSpec header : spec.getHeaders()) {
        map.put(prefix + "header." + header.getName(), headerValue(where, header, secrets));
      }
    }
    if (spec.getOneUptimeToken() != null) {
      String token = secretValue(where + " oneUptimeToken", spec.getOneUptimeToken(), secrets);
      if (token != null) {
        map.put(prefix + "header." + ONEUPTIME_HEADER, token);
      }
    }
    if (spec.getTls() != null) {
      tls(map, prefix, where + " tls", spec.getTls(), secrets);
    }
  }

  /** The PEM text of {@code ca}, {@code cert} and {@code key} goes into the map as it is. */
  private static void tls(
      Map<String, String> map,
      String prefix,
      String where,
      TlsSpec tls,
      Function<String, Secret> secrets) {
    if ((tls.getCert() == null) != (tls.getKey() == null)) {
      throw new SpecException("InvalidSpec", where + ": cert and key go together");
    }
    if (tls.getCa() != null) {
      put(map, prefix + "certificate-pem", secretValue(where + ".ca", tls.getCa(), secrets));
    }
    if (tls.getCert() != null) {
      String cert = secretValue(where + ".cert", tls.getCert(), secrets);
      String key = secretValue(where + ".key", tls.getKey(), secrets);
      if (cert != null && key != null) {
        map.put(prefix + "client-certificate-pem", cert);
        map.put(prefix + "client-key-pem", key);
      }
    }
    put(map, prefix + "server-name", tls.getServerName());
    if (Boolean.TRUE.equals(tls.getInsecureSkipVerify())) {
      map.put(prefix + "insecure-skip-verify", "true");
    }
  }

  private static String headerValue(
      String where, HeaderSpec header, Function<String, Secret> secrets) {
    boolean fromSecret =
        header.getValueFrom() != null && header.getValueFrom().getSecretKeyRef() != null;
    if (fromSecret == (header.getValue() != null)) {
      throw new SpecException(
          "InvalidSpec",
          where + " header " + header.getName() + ": set exactly one of value and valueFrom");
    }
    if (!fromSecret) {
      return header.getValue();
    }
    String value =
        secretValue(
            where + " header " + header.getName(),
            header.getValueFrom().getSecretKeyRef(),
            secrets);
    return value == null ? "" : value;
  }

  /** The decoded value, null for a missing optional reference; a missing required one throws. */
  static String secretValue(String where, SecretKeySelector ref, Function<String, Secret> secrets) {
    if (ref.getName() == null || ref.getKey() == null) {
      throw new SpecException("InvalidSpec", where + ": secretKeyRef needs name and key");
    }
    boolean optional = Boolean.TRUE.equals(ref.getOptional());
    Secret secret = secrets.apply(ref.getName());
    String value = secret == null ? null : decoded(secret, ref.getKey());
    if (value == null && !optional) {
      throw new SpecException(
          "SecretNotFound",
          where
              + ": "
              + (secret == null
                  ? "Secret " + ref.getName() + " not found"
                  : "Secret " + ref.getName() + " has no key " + ref.getKey()));
    }
    return value;
  }

  private static String decoded(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().containsKey(key)) {
      return new String(
              Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8)
          .trim();
    }
    if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
      return secret.getStringData().get(key).trim();
    }
    return null;
  }

  /** Names of the Secrets a buffer reads; a change to one of them reconciles the buffer. */
  static Set<String> secretNames(TelemetryBuffer buffer) {
    Set<String> names = new HashSet<>();
    if (buffer.getSpec() == null || buffer.getSpec().getDestinations() == null) {
      return names;
    }
    for (DestinationSpec destination : buffer.getSpec().getDestinations()) {
      if (destination.getOneUptimeToken() != null) {
        names.add(destination.getOneUptimeToken().getName());
      }
      TlsSpec tls = destination.getTls();
      if (tls != null) {
        for (SecretKeySelector ref :
            new SecretKeySelector[] {tls.getCa(), tls.getCert(), tls.getKey()}) {
          if (ref != null) {
            names.add(ref.getName());
          }
        }
      }
      if (destination.getHeaders() != null) {
        for (HeaderSpec header : destination.getHeaders()) {
          if (header.getValueFrom() != null && header.getValueFrom().getSecretKeyRef() != null) {
            names.add(header.getValueFrom().getSecretKeyRef().getName());
          }
        }
      }
    }
    return names;
  }

  private static String bytes(String field, Quantity quantity) {
    if (quantity == null) {
      return null;
    }
    try {
      return Quantity.getAmountInBytes(quantity).toBigIntegerExact().toString();
    } catch (ArithmeticException | IllegalArgumentException e) {
      throw new SpecException("InvalidSpec", field + ": not a whole number of bytes: " + quantity);
    }
  }

  private static void put(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
