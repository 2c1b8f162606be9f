package io.k3j.core.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The Containers and Images wide columns of workloads: names and images, comma-separated. */
final class ContainerCells {
  static final String CONTAINERS_DESCRIPTION = "Names of each container in the template.";
  static final String IMAGES_DESCRIPTION = "Images referenced by each container in the template.";

  private ContainerCells() {}

  static Column containersColumn() {
    return Column.string("Containers", CONTAINERS_DESCRIPTION).wide();
  }

  static Column imagesColumn() {
    return Column.string("Images", IMAGES_DESCRIPTION).wide();
  }

  /** The names of the containers of a pod template's spec. */
  static String names(JsonNode podSpec) {
    return join(podSpec, "name");
  }

  static String images(JsonNode podSpec) {
    return join(podSpec, "image");
  }

  private static String join(JsonNode podSpec, String field) {
    List<String> values = new ArrayList<>();
    podSpec.path("containers").forEach(c -> values.add(c.path(field).asText("")));
    return String.join(",", values);
  }
}
