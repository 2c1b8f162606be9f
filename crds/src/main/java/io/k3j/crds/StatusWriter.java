package io.k3j.crds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Optional;

/**
 * Writes an operator's status: a JSON merge patch (RFC 7386) of the whole status to the status
 * subresource, with explicit nulls for the fields that went away, sent only when the status
 * changed. Unlike a JSON Patch (RFC 6902) computed against the informer's copy, a merge patch
 * applies to whatever the server holds, so a cache that has not yet seen the previous status write
 * cannot make the write fail. It suits an operator that is its object's only status writer.
 *
 * <p>Usage: {@code JsonNode before = StatusWriter.snapshot(r.getStatus())} before the reconcile
 * changes the status, then {@code StatusWriter.write(client, r, r.getStatus(), before)}.
 */
public final class StatusWriter {
  private StatusWriter() {}

  /** The status as JSON, taken before a reconcile changes it; {@code null} gives a null node. */
  public static JsonNode snapshot(Object status) {
    return Serialization.jsonMapper().valueToTree(status);
  }

  /**
   * The merge patch that turns {@code before} into {@code status}, or empty when nothing changed.
   * Lists are replaced whole, as merge patch does; fields of {@code before} absent from {@code
   * status}, in nested objects too, are sent as null so that the server drops them.
   */
  public static Optional<ObjectNode> patch(Object status, JsonNode before) {
    JsonNode after = snapshot(status);
    if (after.equals(before == null ? NullNode.instance : before)) {
      return Optional.empty();
    }
    ObjectNode body = Serialization.jsonMapper().createObjectNode();
    if (after.isObject()) {
      ObjectNode fields = (ObjectNode) after;
      if (before != null && before.isObject()) {
        nullRemoved(fields, before);
      }
      body.set("status", fields);
    } else {
      body.set("status", NullNode.instance);
    }
    return Optional.of(body);
  }

  /**
   * Sets null for every field of {@code before} that {@code after} lacks, in nested objects too.
   */
  private static void nullRemoved(ObjectNode after, JsonNode before) {
    before
        .fields()
        .forEachRemaining(
            field -> {
              JsonNode now = after.get(field.getKey());
              if (now == null) {
                after.set(field.getKey(), NullNode.instance);
              } else if (now.isObject() && field.getValue().isObject()) {
                nullRemoved((ObjectNode) now, field.getValue());
              }
            });
  }

  /**
   * Writes {@code status} as the status of {@code resource} (matched by kind, namespace and name)
   * when it differs from {@code before}.
   *
   * @return the object as the server holds it after the write, or empty when nothing was sent
   */
  public static <T extends HasMetadata> Optional<T> write(
      KubernetesClient client, T resource, Object status, JsonNode before) {
    Optional<ObjectNode> body = patch(status, before);
    if (body.isEmpty()) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) resource.getClass();
    String namespace = resource.getMetadata().getNamespace();
    Resource<T> target =
        namespace == null
            ? client.resources(type).withName(resource.getMetadata().getName())
            : client
                .resources(type)
                .inNamespace(namespace)
                .withName(resource.getMetadata().getName());
    return Optional.of(
        target
            .subresource("status")
            .patch(PatchContext.of(PatchType.JSON_MERGE), body.get().toString()));
  }
}
