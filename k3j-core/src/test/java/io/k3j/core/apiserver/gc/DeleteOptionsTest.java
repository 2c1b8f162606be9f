package io.k3j.core.apiserver.gc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.ApiRequest;
import io.k3j.core.apiserver.Route;
import io.k3j.core.apiserver.gc.DeleteOptions.Propagation;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime.TypeMeta;
import io.kubernetes.client.proto.Runtime.Unknown;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeleteOptionsTest {

  private static ApiRequest request(Map<String, List<String>> params, String body) {
    return request(params, "application/json", body == null ? new byte[0] : body.getBytes(UTF_8));
  }

  private static ApiRequest request(
      Map<String, List<String>> params, String contentType, byte[] body) {
    return new ApiRequest(
        "DELETE",
        new Route.Resource("", "v1", "default", "configmaps", "x", null),
        params,
        contentType,
        "application/json",
        body,
        new ApiRequest.User("admin", List.of()),
        Map.of());
  }

  /** client-go's protobuf body: the magic {@code k8s\0}, then a runtime.Unknown. */
  private static byte[] protobuf(String apiVersion, Meta.DeleteOptions options) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'k', '8', 's', 0});
    out.writeBytes(
        Unknown.newBuilder()
            .setTypeMeta(TypeMeta.newBuilder().setApiVersion(apiVersion).setKind("DeleteOptions"))
            .setRaw(options.toByteString())
            .setContentEncoding("")
            .setContentType("")
            .build()
            .toByteArray());
    return out.toByteArray();
  }

  @Test
  @DisplayName("a protobuf body, as client-go sends it in any group version, is read like JSON")
  void protobufBody() {
    Meta.DeleteOptions options =
        Meta.DeleteOptions.newBuilder()
            .setPropagationPolicy("Foreground")
            .setGracePeriodSeconds(0)
            .setPreconditions(Meta.Preconditions.newBuilder().setUid("u1"))
            .addDryRun("All")
            .build();
    String protobuf = "application/vnd.kubernetes.protobuf";
    assertThat(DeleteOptions.from(request(Map.of(), protobuf, protobuf("v1", options))))
        .isEqualTo(new DeleteOptions(Propagation.FOREGROUND, 0L, "u1", null, true));
    assertThat(
            DeleteOptions.from(
                request(
                    Map.of(),
                    protobuf,
                    protobuf("apps/v1", Meta.DeleteOptions.getDefaultInstance()))))
        .isEqualTo(DeleteOptions.defaults());
    assertThatThrownBy(
            () ->
                DeleteOptions.from(
                    request(Map.of(), protobuf, new byte[] {'k', '8', 's', 0, 42, 42})))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
  }

  @Test
  @DisplayName("the body's policy, grace period, preconditions and dryRun are read")
  void body() {
    DeleteOptions options =
        DeleteOptions.from(
            request(
                Map.of(),
                "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":"
                    + "\"Foreground\",\"gracePeriodSeconds\":-5,\"dryRun\":[\"All\"],"
                    + "\"preconditions\":{\"uid\":\"u1\",\"resourceVersion\":\"7\"}}"));
    assertThat(options).isEqualTo(new DeleteOptions(Propagation.FOREGROUND, 1L, "u1", "7", true));
  }

  @Test
  @DisplayName("without a body the query parameters count; orphanDependents maps to a policy")
  void query() {
    assertThat(
            DeleteOptions.from(
                request(
                    Map.of("orphanDependents", List.of("true"), "gracePeriodSeconds", List.of("0")),
                    null)))
        .isEqualTo(new DeleteOptions(Propagation.ORPHAN, 0L, null, null, false));
    assertThat(DeleteOptions.from(request(Map.of(), null))).isEqualTo(DeleteOptions.defaults());
  }

  @Test
  @DisplayName("an unknown policy, both policy fields, or an unknown dryRun value is a 422")
  void invalid() {
    assertThatThrownBy(
            () -> DeleteOptions.from(request(Map.of(), "{\"propagationPolicy\":\"Sideways\"}")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(422);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported"
                          + " value: \"Sideways\": supported values: \"Foreground\","
                          + " \"Background\", \"Orphan\", \"nil\"");
            });
    assertThatThrownBy(
            () ->
                DeleteOptions.from(
                    request(
                        Map.of(), "{\"propagationPolicy\":\"Orphan\",\"orphanDependents\":false}")))
        .hasMessageContaining("orphanDependents and deletionPropagation cannot be both set");
    assertThatThrownBy(() -> DeleteOptions.from(request(Map.of("dryRun", List.of("Some")), null)))
        .hasMessageContaining("dryRun: Unsupported value: \"Some\"");
  }

  @Test
  @DisplayName("a malformed body or grace period is a 400")
  void malformed() {
    assertThatThrownBy(() -> DeleteOptions.from(request(Map.of(), "{not json")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    assertThatThrownBy(
            () -> DeleteOptions.from(request(Map.of("gracePeriodSeconds", List.of("soon")), null)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    assertThatThrownBy(() -> DeleteOptions.from(request(Map.of(), "{\"kind\":\"Pod\"}")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
  }
}
