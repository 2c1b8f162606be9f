package io.k3j.core.apiserver;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What {@code /version} reports: the Kubernetes API level served, marked as k3j. */
public record VersionInfo(String major, String minor, String gitVersion) {

  public static VersionInfo current() {
    return new VersionInfo("1", "32", "v1.32.0+k3j");
  }

  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("major", major);
    json.put("minor", minor);
    json.put("gitVersion", gitVersion);
    json.put("gitCommit", "");
    json.put("gitTreeState", "clean");
    json.put("buildDate", "");
    json.put("goVersion", "");
    json.put("compiler", "java");
    json.put(
        "platform",
        System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT)
            + "/"
            + System.getProperty("os.arch"));
    return json;
  }
}
