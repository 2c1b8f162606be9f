package io.k3j.helm.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.k3j.crds.helm.v1.HelmChartConfigSpec;
import io.k3j.crds.helm.v1.HelmChartSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What decides whether a release must be applied again, as upstream's {@code
 * helmcharts.helm.cattle.io/configHash}: {@code SHA256=} over the HelmChart spec, the
 * HelmChartConfig spec, the data of the values secrets that trigger updates, and the digest of a
 * chart archive taken from the charts folder (so that replacing the file upgrades the release).
 */
public final class ConfigHash {
  /** Annotation on the HelmChart holding the hash of the last applied (or attempted) state. */
  public static final String ANNOTATION = "helmcharts.helm.cattle.io/configHash";

  private static final ObjectMapper JSON =
      JsonMapper.builder().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true).build();

  private ConfigHash() {}

  public static String of(
      HelmChartSpec chart,
      HelmChartConfigSpec config,
      Map<String, Map<String, String>> triggeringSecrets,
      String archiveDigest) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(JSON.writeValueAsBytes(chart));
      sha.update((byte) 0);
      sha.update(config == null ? new byte[0] : JSON.writeValueAsBytes(config));
      sha.update((byte) 0);
      sha.update(JSON.writeValueAsBytes(new TreeMap<>(triggeringSecrets)));
      sha.update((byte) 0);
      if (archiveDigest != null) {
        sha.update(archiveDigest.getBytes(StandardCharsets.UTF_8));
      }
      return "SHA256=" + HexFormat.of().withUpperCase().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
