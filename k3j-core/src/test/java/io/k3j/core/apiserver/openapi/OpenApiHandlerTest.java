package io.k3j.core.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.ApiRequest;
import io.k3j.core.apiserver.resources.Json;
import io.k3j.core.apiserver.resources.ResourceRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OpenApiHandlerTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

  private final ResourceRegistry registry = new ResourceRegistry();
  private final OpenApiHandler handler = new OpenApiHandler(registry, CLOCK);

  private static ApiRequest get(String accept, String hash) {
    return request("GET", accept, hash);
  }

  private static ApiRequest request(String method, String accept, String hash) {
    Map<String, List<String>> params = new HashMap<>();
    if (hash != null) {
      params.put("hash", List.of(hash));
    }
    return new ApiRequest(method, null, params, null, accept, new byte[0], null, Map.of());
  }

  private JsonNode indexPaths() {
    OpenApiReply reply = handler.handle(get("application/json", null), "");
    assertThat(reply.status()).isEqualTo(200);
    return Json.tree(reply.body()).path("paths");
  }

  private static String hash(JsonNode indexEntry) {
    String url = indexEntry.path("serverRelativeURL").asText();
    return url.substring(url.indexOf("?hash=") + "?hash=".length());
  }

  @Test
  @DisplayName("the index lists every group-version with a URL carrying its document's hash")
  void listsGroupVersions() {
    JsonNode paths = indexPaths();
    assertThat(paths.fieldNames())
        .toIterable()
        .contains(
            "api/v1",
            "apis/apps/v1",
            "apis/batch/v1",
            "apis/autoscaling/v2",
            "apis/rbac.authorization.k8s.io/v1",
            "apis/apiextensions.k8s.io/v1");
    JsonNode apps = paths.path("apis/apps/v1");
    assertThat(apps.path("serverRelativeURL").asText())
        .startsWith("/openapi/v3/apis/apps/v1?hash=");
    OpenApiReply document = handler.handle(get(null, null), "apis/apps/v1");
    assertThat(document.status()).isEqualTo(200);
    assertThat(document.contentType()).isEqualTo("application/json");
    assertThat(document.headers()).containsEntry("ETag", "\"" + hash(apps) + "\"");
    assertThat(document.headers()).doesNotContainKey("Cache-Control");
    assertThat(Json.tree(document.body()).path("openapi").asText()).isEqualTo("3.0.0");
  }

  @Test
  @DisplayName("a document asked for by its current hash may be cached for good; a stale hash not")
  void cacheHeaders() {
    String hash = hash(indexPaths().path("api/v1"));
    OpenApiReply current = handler.handle(get("application/json", hash), "api/v1");
    assertThat(current.headers())
        .containsEntry("Cache-Control", "public, immutable")
        .containsEntry("Expires", "Wed, 24 Nov 2027 12:00:00 GMT")
        .containsEntry("Vary", "Accept");
    OpenApiReply stale = handler.handle(get("application/json", "0BAD"), "api/v1");
    assertThat(stale.status()).isEqualTo(200);
    assertThat(stale.headers()).doesNotContainKey("Cache-Control");
    assertThat(stale.body()).isEqualTo(current.body());
  }

  @Test
  @DisplayName("a served CRD appears in the index; unchanged group-versions keep their documents")
  void followsRegistry() {
    JsonNode before = indexPaths();
    assertThat(before.has("apis/stable.example.com/v1")).isFalse();
    registry.serve("crontabs.stable.example.com", List.of(CustomResources.cronTab()));
    JsonNode after = indexPaths();
    assertThat(after.has("apis/stable.example.com/v1")).isTrue();
    assertThat(hash(after.path("api/v1"))).isEqualTo(hash(before.path("api/v1")));
    JsonNode document =
        Json.tree(handler.handle(get(null, null), "apis/stable.example.com/v1").body());
    assertThat(document.path("components").path("schemas").has("com.example.stable.v1.CronTab"))
        .isTrue();
    registry.withdraw("crontabs.stable.example.com");
    assertThat(indexPaths().has("apis/stable.example.com/v1")).isFalse();
    assertThat(handler.handle(get(null, null), "apis/stable.example.com/v1").status())
        .isEqualTo(404);
  }

  @Test
  @DisplayName("unknown group-versions, other methods and non-JSON Accept get a Status with a 4xx")
  void errors() {
    OpenApiReply missing = handler.handle(get(null, null), "apis/nope.example.com/v1");
    assertThat(missing.status()).isEqualTo(404);
    JsonNode status = Json.tree(missing.body());
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("reason").asText()).isEqualTo("NotFound");
    assertThat(handler.handle(request("POST", null, null), "api/v1").status()).isEqualTo(405);
    OpenApiReply protobuf =
        handler.handle(
            get("application/com.github.proto-openapi.spec.v3@v1.0+protobuf", null), "api/v1");
    assertThat(protobuf.status()).isEqualTo(406);
    assertThat(Json.tree(protobuf.body()).path("message").asText()).contains("application/json");
    assertThat(
            handler
                .handle(
                    get("application/com.github.proto-openapi.spec.v3@v1.0+protobuf, */*", null),
                    "api/v1")
                .status())
        .isEqualTo(200);
  }

  @Test
  @DisplayName(
      "the first request builds every document within the CPU budget; later ones reuse them")
  void firstRequestCost() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long wallStart = System.nanoTime();
    OpenApiReply first = handler.handle(get(null, null), "api/v1");
    long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
    long wallMillis = (System.nanoTime() - wallStart) / 1_000_000;
    System.out.printf(
        "first OpenAPI request: %d ms CPU, %d ms wall clock%n", cpuMillis, wallMillis);
    assertThat(cpuMillis).isLessThan(5_000);
    assertThat(handler.handle(get(null, null), "api/v1").body()).isSameAs(first.body());
  }
}
