package io.k3j.suc.model;

/** Image reference defaulting: a name without tag or digest gets the plan's latest version. */
public final class Images {
  private Images() {}

  public static String withLatestTag(String image, String latestVersion) {
    if (image.contains("@")) {
      return image;
    }
    String lastComponent = image.substring(image.lastIndexOf('/') + 1);
    if (lastComponent.contains(":")) {
      return image;
    }
    return familiar(image) + ":" + latestVersion;
  }

  private static String familiar(String image) {
    if (image.startsWith("docker.io/library/")) {
      return image.substring("docker.io/library/".length());
    }
    if (image.startsWith("docker.io/")) {
      return image.substring("docker.io/".length());
    }
    return image;
  }
}
