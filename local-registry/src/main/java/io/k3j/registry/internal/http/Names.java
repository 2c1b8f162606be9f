package io.k3j.registry.internal.http;

import io.k3j.registry.internal.oci.ErrorCode;
import io.k3j.registry.internal.oci.OciException;
import java.util.regex.Pattern;

/** Repository name and tag grammar of the distribution spec ("Pulling manifests"). */
public final class Names {
  private static final Pattern NAME =
      Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

  private Names() {}

  public static String requireName(String name) {
    if (name == null || name.length() > 255 || !NAME.matcher(name).matches()) {
      throw new OciException(ErrorCode.NAME_INVALID, "invalid repository name: " + name);
    }
    return name;
  }

  public static boolean isTag(String reference) {
    return TAG.matcher(reference).matches();
  }
}
