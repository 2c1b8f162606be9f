package io.k3j.suc.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.k3j.crds.upgrade.v1.Plan;
import io.k3j.crds.upgrade.v1.SecretSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code status.latestHash} exactly as upstream computes it, so nodes upstream already labelled are
 * not upgraded again: SHA-224 over the latest version, the service account, the values named by the
 * {@code upgrade.cattle.io/digest} annotation and the kubectl name-suffix hash of each hashed
 * secret.
 */
public final class PlanHash {
  public static final String DIGEST_ANNOTATION = "upgrade.cattle.io/digest";
  private static final ObjectMapper JSON = new ObjectMapper();

  private PlanHash() {}

  /**
   * @param secrets the plan's secrets by name; every secret without {@code ignoreUpdates} must be
   *     present
   * @throws IllegalStateException naming a hashed secret that is missing
   */
  public static String of(Plan plan, String latestVersion, Map<String, Secret> secrets) {
    StringBuilder input = new StringBuilder();
    input.append(latestVersion == null ? "" : latestVersion);
    String sa = plan.getSpec().getServiceAccountName();
    input.append(sa == null ? "" : sa);
    String digest =
        plan.getMetadata().getAnnotations() == null
            ? null
            : plan.getMetadata().getAnnotations().get(DIGEST_ANNOTATION);
    if (digest != null && !digest.isEmpty()) {
      JsonNode tree = JSON.valueToTree(plan);
      for (String path : digest.split(",")) {
        input.append(GoValues.digestValue(at(tree, path.trim())));
      }
    }
    List<SecretSpec> specs =
        plan.getSpec().getSecrets() == null ? List.of() : plan.getSpec().getSecrets();
    for (SecretSpec spec : specs) {
      if (Boolean.TRUE.equals(spec.getIgnoreUpdates())) {
        continue;
      }
      Secret secret = secrets.get(spec.getName());
      if (secret == null) {
        throw new IllegalStateException("secret " + spec.getName() + " not found");
      }
      input.append(secretHash(secret));
    }
    return hex(digest("SHA-224", input.toString()));
  }

  /**
   * kubectl's Secret name-suffix hash: SHA-256 of {@code
   * {"data":…,"kind":"Secret","name":…,"type":…}} (keys sorted, values base64), first 10 hex chars
   * with 0,1,3,a,e mapped to g,h,k,m,t.
   */
  static String secretHash(Secret secret) {
    ObjectNode encoded = JSON.createObjectNode();
    if (secret.getData() == null) {
      encoded.putNull("data");
    } else {
      encoded.set("data", JSON.valueToTree(new TreeMap<>(secret.getData())));
    }
    encoded.put("kind", "Secret");
    encoded.put("name", secret.getMetadata().getName());
    encoded.put("type", secret.getType() == null ? "" : secret.getType());
    String hex = hex(digest("SHA-256", encoded.toString())).substring(0, 10);
    StringBuilder out = new StringBuilder();
    for (char c : hex.toCharArray()) {
      out.append(
          switch (c) {
            case '0' -> 'g';
            case '1' -> 'h';
            case '3' -> 'k';
            case 'a' -> 'm';
            case 'e' -> 't';
            default -> c;
          });
    }
    return out.toString();
  }

  private static JsonNode at(JsonNode root, String dottedPath) {
    JsonNode node = root;
    for (String part : dottedPath.split("\\.")) {
      if (node == null || !node.isObject()) {
        return null;
      }
      node = node.get(part);
    }
    return node;
  }

  static byte[] digest(String algorithm, String text) {
    try {
      return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
