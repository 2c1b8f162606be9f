package io.k3j.suc.model;

/** Upstream's Job naming: wrangler's SafeConcatName of "apply-PLAN-on-NODE-with-HASH". */
public final class JobNames {
  private JobNames() {}

  /** The Job name for a plan, node and hash; the node name is cut at its first dot. */
  public static String of(String plan, String nodeName, String hash) {
    return safeConcat("apply", plan, "on", shortNode(nodeName), "with", hash);
  }

  static String shortNode(String nodeName) {
    int dot = nodeName.indexOf('.');
    return dot < 0 ? nodeName : nodeName.substring(0, dot);
  }

  /**
   * Parts joined with {@code -}; at 64 characters or more, cut to 57 (or 56 when the 57th is not a
   * lowercase letter or digit) plus {@code -} and a SHA-256 prefix, 63 characters in all.
   */
  static String safeConcat(String... parts) {
    String full = String.join("-", parts);
    if (full.length() < 64) {
      return full;
    }
    String hash = PlanHash.hex(PlanHash.digest("SHA-256", full));
    char c = full.charAt(56);
    boolean keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    return keep
        ? full.substring(0, 57) + "-" + hash.substring(0, 5)
        : full.substring(0, 56) + "-" + hash.substring(0, 6);
  }
}
