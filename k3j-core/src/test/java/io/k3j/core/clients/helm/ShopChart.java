package io.k3j.core.clients.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A small chart written to a directory at test time: a Deployment, a Service, a ConfigMap (with an
 * optional key, so that an upgrade removes a field) and a Secret.
 */
final class ShopChart {
  private static final Map<String, String> FILES =
      Map.of(
          "Chart.yaml",
          """
          apiVersion: v2
          name: shop
          description: A test chart for k3j
          version: 0.1.0
          appVersion: "1.0"
          """,
          "values.yaml",
          """
          image: nginx:1.27
          replicas: 1
          greeting: hello
          extra: ""
          password: s3cret
          """,
          "templates/deployment.yaml",
          """
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: {{ .Release.Name }}
            labels:
              app.kubernetes.io/name: {{ .Release.Name }}
          spec:
            replicas: {{ .Values.replicas }}
            selector:
              matchLabels:
                app.kubernetes.io/name: {{ .Release.Name }}
            template:
              metadata:
                labels:
                  app.kubernetes.io/name: {{ .Release.Name }}
              spec:
                containers:
                - name: web
                  image: {{ .Values.image }}
                  ports:
                  - name: http
                    containerPort: 8080
                  env:
                  - name: GREETING
                    valueFrom:
                      configMapKeyRef:
                        name: {{ .Release.Name }}
                        key: greeting
          """,
          "templates/service.yaml",
          """
          apiVersion: v1
          kind: Service
          metadata:
            name: {{ .Release.Name }}
          spec:
            selector:
              app.kubernetes.io/name: {{ .Release.Name }}
            ports:
            - name: http
              port: 80
              targetPort: http
          """,
          "templates/configmap.yaml",
          """
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: {{ .Release.Name }}
          data:
            greeting: {{ .Values.greeting | quote }}
            {{- if .Values.extra }}
            extra: {{ .Values.extra | quote }}
            {{- end }}
          """,
          "templates/secret.yaml",
          """
          apiVersion: v1
          kind: Secret
          metadata:
            name: {{ .Release.Name }}
          type: Opaque
          stringData:
            password: {{ .Values.password | quote }}
          """);

  private ShopChart() {}

  /** Writes the chart into {@code dir}/shop and returns that directory. */
  static Path writeTo(Path dir) throws IOException {
    Path chart = dir.resolve("shop");
    for (Map.Entry<String, String> file : FILES.entrySet()) {
      Path path = chart.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    return chart;
  }
}
