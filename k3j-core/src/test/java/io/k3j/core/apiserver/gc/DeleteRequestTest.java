package io.k3j.core.apiserver.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.Reply;
import io.k3j.core.apiserver.Route;
import io.k3j.core.apiserver.resources.HandlerSite;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.validation.BuiltinAdmission;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DELETE requests against the resource handler over a real SQLite datastore. */
class DeleteRequestTest {
  @TempDir Path dir;
  private HandlerSite site;

  @BeforeEach
  void open() {
    site = new HandlerSite(HandlerSite.sqlite(dir), new BuiltinAdmission(), new DeletionPolicy());
    call("POST", null, "namespaces", null, Map.of(), "{\"metadata\":{\"name\":\"app\"}}");
  }

  @AfterEach
  void close() {
    site.close();
  }

  private Reply.Full call(
      String method,
      String namespace,
      String plural,
      String name,
      Map<String, List<String>> params,
      String body) {
    return site.call(
        method,
        new Route.Resource("", "v1", namespace, plural, name, null),
        params,
        "application/json",
        body);
  }

  private JsonNode ok(Reply.Full reply) {
    assertThat(reply.status()).isEqualTo(200);
    return Json.tree(reply.body());
  }

  private JsonNode configMap(String name, String metadata) {
    Reply.Full created =
        call(
            "POST",
            "app",
            "configmaps",
            null,
            Map.of(),
            "{\"metadata\":{\"name\":\"" + name + "\"" + metadata + "},\"data\":{\"a\":\"b\"}}");
    assertThat(created.status()).isEqualTo(201);
    return Json.tree(created.body());
  }

  private static int code(Runnable call) {
    try {
      call.run();
    } catch (ApiException e) {
      return e.code();
    }
    return 200;
  }

  @Test
  @DisplayName("a deleted ConfigMap is answered with Status Success naming it; a pod with itself")
  void statusOrObject() {
    String uid = configMap("plain", "").path("metadata").path("uid").asText();
    JsonNode status = ok(call("DELETE", "app", "configmaps", "plain", Map.of(), null));
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("status").asText()).isEqualTo("Success");
    assertThat(status.path("details").path("name").asText()).isEqualTo("plain");
    assertThat(status.path("details").path("kind").asText()).isEqualTo("configmaps");
    assertThat(status.path("details").path("uid").asText()).isEqualTo(uid);
    assertThat(code(() -> call("GET", "app", "configmaps", "plain", Map.of(), null)))
        .isEqualTo(404);

    call(
        "POST",
        "app",
        "pods",
        null,
        Map.of(),
        "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x\"}]}}");
    JsonNode pod = ok(call("DELETE", "app", "pods", "p", Map.of(), null));
    assertThat(pod.path("kind").asText()).isEqualTo("Pod");
  }

  @Test
  @DisplayName("an object with finalizers is marked, keeps answering, and goes with its last one")
  void finalizers() {
    configMap("held", ",\"finalizers\":[\"example.com/a\",\"example.com/b\"]");
    JsonNode marked = ok(call("DELETE", "app", "configmaps", "held", Map.of(), null));
    assertThat(marked.path("kind").asText()).isEqualTo("ConfigMap");
    assertThat(marked.path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
    assertThat(marked.path("metadata").path("deletionGracePeriodSeconds").asInt(-1)).isZero();
    JsonNode again = ok(call("DELETE", "app", "configmaps", "held", Map.of(), null));
    assertThat(again.path("metadata").path("resourceVersion"))
        .isEqualTo(marked.path("metadata").path("resourceVersion"));

    assertThat(
            code(
                () ->
                    call(
                        "PUT",
                        "app",
                        "configmaps",
                        "held",
                        Map.of(),
                        withFinalizers(marked, "\"example.com/b\",\"example.com/c\""))))
        .isEqualTo(422);
    JsonNode current = ok(call("GET", "app", "configmaps", "held", Map.of(), null));
    JsonNode kept =
        ok(
            call(
                "PUT",
                "app",
                "configmaps",
                "held",
                Map.of(),
                withFinalizers(current, "\"example.com/b\"")));
    assertThat(kept.path("metadata").path("deletionTimestamp"))
        .isEqualTo(marked.path("metadata").path("deletionTimestamp"));
    ok(call("PUT", "app", "configmaps", "held", Map.of(), withFinalizers(kept, "")));
    assertThat(code(() -> call("GET", "app", "configmaps", "held", Map.of(), null))).isEqualTo(404);
  }

  /** The object with other finalizers and without deletionTimestamp, which updates cannot drop. */
  private static String withFinalizers(JsonNode object, String finalizers) {
    ObjectNode copy = object.deepCopy();
    ((ObjectNode) copy.get("metadata")).remove("deletionTimestamp");
    ((ObjectNode) copy.get("metadata"))
        .set("finalizers", Json.tree(("[" + finalizers + "]").getBytes(StandardCharsets.UTF_8)));
    return copy.toString();
  }

  @Test
  @DisplayName("preconditions that do not match are a 409 naming both values")
  void preconditions() {
    configMap("pc", "");
    assertThatThrownBy(
            () ->
                call(
                    "DELETE",
                    "app",
                    "configmaps",
                    "pc",
                    Map.of(),
                    "{\"preconditions\":{\"uid\":\"not-it\"}}"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(409);
              assertThat(e.getMessage())
                  .startsWith(
                      "Operation cannot be fulfilled on ConfigMap \"pc\": the UID in the"
                          + " precondition (not-it) does not match the UID in record");
            });
    assertThatThrownBy(
            () ->
                call(
                    "DELETE",
                    "app",
                    "configmaps",
                    "pc",
                    Map.of(),
                    "{\"preconditions\":{\"resourceVersion\":\"1\"}}"))
        .hasMessageContaining("the ResourceVersion in the precondition (1) does not match");
    ok(call("GET", "app", "configmaps", "pc", Map.of(), null));
  }

  @Test
  @DisplayName("dryRun=All, in the query or the body, stores nothing, also for collections")
  void dryRun() {
    configMap("d1", ",\"labels\":{\"t\":\"x\"}");
    configMap("d2", ",\"labels\":{\"t\":\"x\"},\"finalizers\":[\"example.com/a\"]");
    ok(call("DELETE", "app", "configmaps", "d1", Map.of("dryRun", List.of("All")), null));
    JsonNode marked =
        ok(call("DELETE", "app", "configmaps", "d2", Map.of(), "{\"dryRun\":[\"All\"]}"));
    assertThat(marked.path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
    JsonNode listed =
        ok(
            call(
                "DELETE",
                "app",
                "configmaps",
                null,
                Map.of("labelSelector", List.of("t=x"), "dryRun", List.of("All")),
                null));
    assertThat(listed.path("items")).hasSize(2);
    assertThat(
            ok(call("GET", "app", "configmaps", "d2", Map.of(), null))
                .path("metadata")
                .has("deletionTimestamp"))
        .isFalse();
    ok(call("DELETE", "app", "configmaps", null, Map.of("labelSelector", List.of("t=x")), null));
    assertThat(code(() -> call("GET", "app", "configmaps", "d1", Map.of(), null))).isEqualTo(404);
    assertThat(
            ok(call("GET", "app", "configmaps", "d2", Map.of(), null))
                .path("metadata")
                .has("deletionTimestamp"))
        .isTrue();
  }

  @Test
  @DisplayName("Foreground and Orphan put their finalizer on the owner; a second delete may switch")
  void propagationFinalizers() {
    configMap("owner", "");
    JsonNode foreground =
        ok(
            call(
                "DELETE",
                "app",
                "configmaps",
                "owner",
                Map.of(),
                "{\"propagationPolicy\":\"Foreground\"}"));
    assertThat(foreground.path("metadata").path("finalizers").toString())
        .isEqualTo("[\"foregroundDeletion\"]");
    JsonNode orphan =
        ok(
            call(
                "DELETE",
                "app",
                "configmaps",
                "owner",
                Map.of("propagationPolicy", List.of("Orphan")),
                null));
    assertThat(orphan.path("metadata").path("finalizers").toString()).isEqualTo("[\"orphan\"]");
  }

  @Test
  @DisplayName("a terminating namespace refuses new objects with 403; system namespaces stay")
  void namespaces() {
    JsonNode terminating = ok(call("DELETE", null, "namespaces", "app", Map.of(), null));
    assertThat(terminating.path("status").path("phase").asText()).isEqualTo("Terminating");
    assertThat(terminating.path("spec").path("finalizers").toString())
        .isEqualTo("[\"kubernetes\"]");
    assertThatThrownBy(() -> configMap("late", ""))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(403);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "configmaps \"late\" is forbidden: unable to create new content in"
                          + " namespace app because it is being terminated");
              assertThat(e.causes().get(0).reason()).isEqualTo("NamespaceTerminating");
            });
    call("POST", null, "namespaces", null, Map.of(), "{\"metadata\":{\"name\":\"default\"}}");
    assertThat(code(() -> call("DELETE", null, "namespaces", "default", Map.of(), null)))
        .isEqualTo(403);
  }
}
