package io.k3j.helm;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds small charts on disk and packages them with the Helm library, for tests. */
public final class TestCharts {
  private TestCharts() {}

  /**
   * A chart named {@code name} rendering one ConfigMap {@code <release>-config} whose data are the
   * values {@code greeting} and {@code extra}; {@code required} makes {@code needed} mandatory.
   */
  public static Path chartDir(Path parent, String name, String version, boolean required) {
    try {
      Path dir = Files.createDirectories(parent.resolve(name + "-" + version).resolve(name));
      Files.writeString(
          dir.resolve("Chart.yaml"),
          "apiVersion: v2\nname: " + name + "\nversion: " + version + "\nappVersion: \"1.0\"\n");
      Files.writeString(dir.resolve("values.yaml"), "greeting: default\nextra: none\n");
      Files.createDirectories(dir.resolve("templates"));
      Files.writeString(
          dir.resolve("templates/configmap.yaml"),
          "apiVersion: v1\n"
              + "kind: ConfigMap\n"
              + "metadata:\n"
              + "  name: {{ .Release.Name }}-config\n"
              + "data:\n"
              + "  greeting: {{ .Values.greeting | quote }}\n"
              + "  extra: {{ .Values.extra | quote }}\n"
              + "  chartVersion: {{ .Chart.Version | quote }}\n"
              + (required
                  ? "  needed: {{ required \"value needed is required\" .Values.needed | quote }}\n"
                  : ""));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Packages a chart directory into {@code destination} as {@code fileName}. */
  public static Path pack(Path chartDir, Path destination, String fileName) {
    try {
      Path out = Files.createDirectories(chartDir.getParent().resolve("out"));
      new Helm(chartDir).packageIt().withDestination(out).call();
      Path packaged;
      try (var files = Files.list(out)) {
        packaged = files.filter(f -> f.toString().endsWith(".tgz")).findFirst().orElseThrow();
      }
      Files.createDirectories(destination);
      Path target = destination.resolve(fileName);
      Files.move(packaged, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
