package io.k3j.core.apiserver.gc;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.ApiRequest;
import io.k3j.core.apiserver.protobuf.ProtobufBody;
import io.k3j.core.apiserver.resources.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code meta/v1 DeleteOptions}: from the request body when there is one, else from the query
 * parameters, as upstream's delete handler reads it, and checked as upstream's {@code
 * ValidateDeleteOptions} does.
 *
 * @param propagation null when neither {@code propagationPolicy} nor {@code orphanDependents} was
 *     given: the object's own finalizers then decide
 * @param gracePeriodSeconds null when not given
 * @param uid precondition, or null
 * @param resourceVersion precondition, or null
 * @param dryRun {@code dryRun=All}: everything is checked and answered, nothing is stored
 */
public record DeleteOptions(
    Propagation propagation,
    Long gracePeriodSeconds,
    String uid,
    String resourceVersion,
    boolean dryRun) {

  /** {@code propagationPolicy}: what happens to the dependents of a deleted owner. */
  public enum Propagation {
    /** The owner goes at once; the garbage collector deletes its dependents afterwards. */
    BACKGROUND("Background"),
    /** The owner stays (foregroundDeletion finalizer) until its blocking dependents are gone. */
    FOREGROUND("Foreground"),
    /** The owner's references are removed from its dependents (orphan finalizer), then it goes. */
    ORPHAN("Orphan");

    private final String wireName;

    Propagation(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  private static final String KIND = "DeleteOptions.meta.k8s.io";

  /** Deletion with the object's own finalizers deciding what happens to dependents. */
  public static DeleteOptions defaults() {
    return new DeleteOptions(null, null, null, null, false);
  }

  public static DeleteOptions of(Propagation propagation) {
    return new DeleteOptions(propagation, null, null, null, false);
  }

  /** Same options with a uid precondition. */
  public DeleteOptions withUid(String precondition) {
    return new DeleteOptions(
        propagation, gracePeriodSeconds, precondition, resourceVersion, dryRun);
  }

  /** The options of a DELETE request; 400 for a malformed body, 422 for invalid values. */
  public static DeleteOptions from(ApiRequest request) {
    if (request.body() != null && request.body().length > 0) {
      return fromBody(
          ProtobufBody.isProtobuf(request.contentType())
              ? ProtobufBody.decodeDeleteOptions(request.body())
              : Json.tree(request.body()));
    }
    return build(
        request.param("propagationPolicy"),
        request.param("orphanDependents"),
        request.param("gracePeriodSeconds"),
        null,
        null,
        request.params().getOrDefault("dryRun", List.of()));
  }

  private static DeleteOptions fromBody(JsonNode body) {
    if (!body.isObject()) {
      throw ApiException.badRequest("the request body must be a DeleteOptions object");
    }
    String kind = body.path("kind").asText("");
    if (!kind.isEmpty() && !kind.equals("DeleteOptions")) {
      throw ApiException.badRequest(
          "decoded object of kind " + kind + " cannot be converted to DeleteOptions");
    }
    List<String> dryRun = new ArrayList<>();
    body.path("dryRun").forEach(value -> dryRun.add(value.asText()));
    JsonNode preconditions = body.path("preconditions");
    return build(
        text(body.get("propagationPolicy")),
        text(body.get("orphanDependents")),
        text(body.get("gracePeriodSeconds")),
        text(preconditions.get("uid")),
        text(preconditions.get("resourceVersion")),
        dryRun);
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static DeleteOptions build(
      String policy,
      String orphanDependents,
      String gracePeriodSeconds,
      String uid,
      String resourceVersion,
      List<String> dryRun) {
    List<ApiException.Cause> causes = new ArrayList<>();
    Propagation propagation = null;
    if (policy != null) {
      propagation = propagation(policy, causes);
      if (orphanDependents != null) {
        causes.add(
            new ApiException.Cause(
                "FieldValueInvalid",
                "Invalid value: \""
                    + policy
                    + "\": orphanDependents and deletionPropagation cannot be both set",
                "propagationPolicy"));
      }
    } else if (orphanDependents != null) {
      propagation = bool(orphanDependents) ? Propagation.ORPHAN : Propagation.BACKGROUND;
    }
    for (String value : dryRun) {
      if (!value.equals("All")) {
        causes.add(
            new ApiException.Cause(
                "FieldValueNotSupported",
                "Unsupported value: \"" + value + "\": supported values: \"All\"",
                "dryRun"));
      }
    }
    if (!causes.isEmpty()) {
      throw ApiException.invalid(KIND, "", causes);
    }
    return new DeleteOptions(
        propagation, grace(gracePeriodSeconds), uid, resourceVersion, !dryRun.isEmpty());
  }

  private static Propagation propagation(String policy, List<ApiException.Cause> causes) {
    for (Propagation candidate : Propagation.values()) {
      if (candidate.wireName.equals(policy)) {
        return candidate;
      }
    }
    causes.add(
        new ApiException.Cause(
            "FieldValueNotSupported",
            "Unsupported value: \""
                + policy
                + "\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"",
            "propagationPolicy"));
    return null;
  }

  private static boolean bool(String value) {
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw ApiException.badRequest("invalid orphanDependents \"" + value + "\": not a boolean");
  }

  /** Negative grace periods count as 1 s, as upstream's {@code BeforeDelete} treats them. */
  private static Long grace(String value) {
    if (value == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? 1L : seconds;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid gracePeriodSeconds \"" + value + "\": not an integer");
    }
  }
}
