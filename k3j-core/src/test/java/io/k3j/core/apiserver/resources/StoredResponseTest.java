package io.k3j.core.apiserver.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.core.apiserver.Reply;
import io.k3j.core.apiserver.Route;
import io.k3j.core.apiserver.gc.DeletionPolicy;
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

/**
 * Responses made from the stored bytes are byte for byte what serialising the stored object with
 * its resourceVersion gives (the way every response was made before).
 */
class StoredResponseTest {
  @TempDir Path dir;
  private HandlerSite site;
  private ObjectStore store;

  @BeforeEach
  void open() {
    site = new HandlerSite(HandlerSite.sqlite(dir), new BuiltinAdmission(), new DeletionPolicy());
    store = site.store();
    call("POST", null, "namespaces", null, null, null, "{\"metadata\":{\"name\":\"app\"}}");
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
      String subresource,
      String contentType,
      String body) {
    return site.call(
        method,
        new Route.Resource("", "v1", namespace, plural, name, subresource),
        Map.of("fieldManager", List.of("tester")),
        contentType == null ? "application/json" : contentType,
        body);
  }

  /** The reply's body, checked against the stored object serialised as before. */
  private void sameAsStored(Reply.Full reply, String plural, String name) {
    ResourceType type = new ResourceRegistry().find("", "v1", plural).orElseThrow();
    String expected = new String(Json.bytes(store.get(type, "app", name)), StandardCharsets.UTF_8);
    assertThat(reply.contentType()).isEqualTo("application/json");
    assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo(expected);
  }

  @Test
  @DisplayName("create, get, update, patch, apply and status answer the stored object's bytes")
  void everyWriteAndGet() {
    Reply.Full created =
        call(
            "POST",
            "app",
            "configmaps",
            null,
            null,
            null,
            "{\"metadata\":{\"name\":\"cm\",\"annotations\":{\"a\":\"\u00fc\"}},\"data\":{\"k\":\"v\"}}");
    assertThat(created.status()).isEqualTo(201);
    sameAsStored(created, "configmaps", "cm");
    assertThat(new String(created.body(), StandardCharsets.UTF_8))
        .contains("\"managedFields\":[")
        .contains("\"resourceVersion\":\"");
    sameAsStored(call("GET", "app", "configmaps", "cm", null, null, null), "configmaps", "cm");

    sameAsStored(
        call(
            "PUT",
            "app",
            "configmaps",
            "cm",
            null,
            null,
            "{\"metadata\":{\"name\":\"cm\"},\"data\":{\"k\":\"w\"}}"),
        "configmaps",
        "cm");
    sameAsStored(
        call(
            "PATCH",
            "app",
            "configmaps",
            "cm",
            null,
            "application/merge-patch+json",
            "{\"data\":{\"x\":\"y\"}}"),
        "configmaps",
        "cm");
    sameAsStored(
        call(
            "PATCH",
            "app",
            "configmaps",
            "cm",
            null,
            "application/apply-patch+yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  z: \"1\"\n"),
        "configmaps",
        "cm");

    call(
        "POST",
        "app",
        "services",
        null,
        null,
        null,
        "{\"metadata\":{\"name\":\"svc\"},\"spec\":{\"ports\":[{\"port\":80}]}}");
    sameAsStored(
        call(
            "PATCH",
            "app",
            "services",
            "svc",
            "status",
            "application/merge-patch+json",
            "{\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"10.0.0.1\"}]}}}"),
        "services",
        "svc");
  }
}
