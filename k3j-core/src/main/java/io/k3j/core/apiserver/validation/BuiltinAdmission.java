package io.k3j.core.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.resources.ObjectStore;
import io.k3j.core.apiserver.resources.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** The write policy for built-in kinds: upstream's defaults, then upstream's validation. */
public final class BuiltinAdmission implements ObjectStore.WritePolicy {
  /** A Secret's {@code stringData} is write-only: its entries go into {@code data}, encoded. */
  private static void mergeStringData(ObjectNode secret) {
    JsonNode stringData = secret.remove("stringData");
    if (stringData == null || !stringData.isObject()) {
      return;
    }
    ObjectNode data =
        secret.path("data").isObject() ? (ObjectNode) secret.get("data") : secret.putObject("data");
    stringData
        .fields()
        .forEachRemaining(
            entry ->
                data.put(
                    entry.getKey(),
                    Base64.getEncoder()
                        .encodeToString(
                            entry.getValue().asText().getBytes(StandardCharsets.UTF_8))));
  }

  @Override
  public void admit(ResourceType type, ObjectNode object, ObjectNode old) {
    if (type.isCustom()) {
      return;
    }
    if (type.group().isEmpty() && type.plural().equals("secrets")) {
      mergeStringData(object);
    }
    BuiltinDefaults.apply(type, object);
    if (old == null && type.group().isEmpty() && type.plural().equals("pods")) {
      // A new pod waits for a node and its kubelet: Pending, as upstream creates pods.
      ((ObjectNode) object.path("status")).put("phase", "Pending");
    }
    List<ApiException.Cause> causes = BuiltinValidation.validate(type, object, old);
    if (!causes.isEmpty()) {
      throw ApiException.invalid(
          type.kind(), object.path("metadata").path("name").asText(), causes);
    }
  }
}
