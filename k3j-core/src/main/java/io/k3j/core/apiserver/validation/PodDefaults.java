package io.k3j.core.apiserver.validation;

import static io.k3j.core.apiserver.validation.Defaulting.object;
import static io.k3j.core.apiserver.validation.Defaulting.objects;
import static io.k3j.core.apiserver.validation.Defaulting.set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Upstream's PodSpec defaults (k8s.io/kubernetes/pkg/apis/core/v1/defaults.go). */
final class PodDefaults {
  private static final List<String> SECRET_LIKE_VOLUMES =
      List.of("configMap", "secret", "downwardAPI", "projected");

  private PodDefaults() {}

  static void template(ObjectNode template) {
    spec(object(template, "spec"));
  }

  static void spec(ObjectNode spec) {
    set(spec, "restartPolicy", "Always");
    set(spec, "dnsPolicy", "ClusterFirst");
    set(spec, "schedulerName", "default-scheduler");
    set(spec, "terminationGracePeriodSeconds", 30);
    set(spec, "securityContext", JsonNodeFactory.instance.objectNode());
    set(spec, "enableServiceLinks", true);
    for (String field : List.of("initContainers", "containers")) {
      objects(spec, field).forEach(PodDefaults::container);
    }
    for (ObjectNode volume : objects(spec, "volumes")) {
      for (String source : SECRET_LIKE_VOLUMES) {
        if (volume.get(source) instanceof ObjectNode sourceNode) {
          set(sourceNode, "defaultMode", 420);
        }
      }
    }
  }

  private static void container(ObjectNode container) {
    set(container, "terminationMessagePath", "/dev/termination-log");
    set(container, "terminationMessagePolicy", "File");
    set(container, "imagePullPolicy", pullPolicy(container.path("image").asText("")));
    set(container, "resources", JsonNodeFactory.instance.objectNode());
    objects(container, "ports").forEach(port -> set(port, "protocol", "TCP"));
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      if (container.get(probe) instanceof ObjectNode probeNode) {
        probe(probeNode);
      }
    }
    for (ObjectNode env : objects(container, "env")) {
      if (env.path("valueFrom").get("fieldRef") instanceof ObjectNode fieldRef) {
        set(fieldRef, "apiVersion", "v1");
      }
    }
  }

  private static void probe(ObjectNode probe) {
    set(probe, "timeoutSeconds", 1);
    set(probe, "periodSeconds", 10);
    set(probe, "successThreshold", 1);
    set(probe, "failureThreshold", 3);
    if (probe.get("httpGet") instanceof ObjectNode httpGet) {
      set(httpGet, "path", "/");
      set(httpGet, "scheme", "HTTP");
    }
  }

  /** Always for {@code :latest} or no tag (and no digest), IfNotPresent otherwise. */
  private static String pullPolicy(String image) {
    int at = image.indexOf('@');
    String name = at < 0 ? image : image.substring(0, at);
    String lastComponent = name.substring(name.lastIndexOf('/') + 1);
    int colon = lastComponent.lastIndexOf(':');
    String tag = colon >= 0 ? lastComponent.substring(colon + 1) : at < 0 ? "latest" : "";
    return tag.equals("latest") ? "Always" : "IfNotPresent";
  }
}
