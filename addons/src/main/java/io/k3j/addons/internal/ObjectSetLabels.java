package io.k3j.addons.internal;

import io.k3j.crds.k3s.v1.Addon;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels and annotations that mark an object as applied from an Addon, as k3s's apply library
 * writes them (rancher/wrangler {@code pkg/apply/desiredset_apply.go}): annotations {@code
 * objectset.rio.cattle.io/id} (empty for the deploy controller), {@code owner-gvk}, {@code
 * owner-name}, {@code owner-namespace}, and the label {@code objectset.rio.cattle.io/hash}, the hex
 * SHA-1 of those four values in that order. Objects applied by k3s from the same file carry the
 * same marks, so k3j adopts and prunes them alike.
 */
public final class ObjectSetLabels {
  public static final String ID = "objectset.rio.cattle.io/id";
  public static final String OWNER_GVK = "objectset.rio.cattle.io/owner-gvk";
  public static final String OWNER_NAME = "objectset.rio.cattle.io/owner-name";
  public static final String OWNER_NAMESPACE = "objectset.rio.cattle.io/owner-namespace";
  public static final String HASH = "objectset.rio.cattle.io/hash";

  /** The three-way merge base of the apply library; server-side apply makes it unnecessary. */
  public static final String APPLIED = "objectset.rio.cattle.io/applied";

  static final String ADDON_GVK = Addon.GROUP + "/" + Addon.VERSION + ", Kind=Addon";

  private ObjectSetLabels() {}

  /** The owner annotations for the Addon {@code namespace/name}, in hashing order. */
  public static Map<String, String> annotations(String namespace, String name) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(ID, "");
    annotations.put(OWNER_GVK, ADDON_GVK);
    annotations.put(OWNER_NAME, name);
    annotations.put(OWNER_NAMESPACE, namespace);
    return annotations;
  }

  /** The value of the {@link #HASH} label for the Addon {@code namespace/name}. */
  public static String hash(String namespace, String name) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      for (String value : annotations(namespace, name).values()) {
        sha1.update(value.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha1.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }
}
