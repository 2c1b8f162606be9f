package io.k3j.core.apiserver.resources;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes' version order, highest first: GA before beta before alpha, higher numbers first
 * ({@code v2, v1, v1beta2, v1beta1, v1alpha1}), then other names alphabetically.
 */
public final class VersionPriority {
  private static final Pattern KUBE = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

  /** Highest priority first. */
  public static final Comparator<String> ORDER = VersionPriority::compare;

  private VersionPriority() {}

  private static int compare(String a, String b) {
    Matcher ma = KUBE.matcher(a);
    Matcher mb = KUBE.matcher(b);
    boolean ka = ma.matches();
    boolean kb = mb.matches();
    if (!ka || !kb) {
      return ka == kb ? a.compareTo(b) : ka ? -1 : 1;
    }
    int stage = Integer.compare(stage(mb.group(2)), stage(ma.group(2)));
    if (stage != 0) {
      return stage;
    }
    int major = Long.compare(Long.parseLong(mb.group(1)), Long.parseLong(ma.group(1)));
    if (major != 0 || ma.group(3) == null) {
      return major;
    }
    return Long.compare(Long.parseLong(mb.group(3)), Long.parseLong(ma.group(3)));
  }

  private static int stage(String stage) {
    if (stage == null) {
      return 2;
    }
    return stage.equals("beta") ? 1 : 0;
  }
}
