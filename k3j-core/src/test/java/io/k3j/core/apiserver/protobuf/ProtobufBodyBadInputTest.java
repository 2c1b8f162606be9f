package io.k3j.core.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.k3j.core.apiserver.ApiException;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Meta.Time;
import io.kubernetes.client.proto.Runtime.RawExtension;
import io.kubernetes.client.proto.Runtime.TypeMeta;
import io.kubernetes.client.proto.Runtime.Unknown;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProtobufBodyBadInputTest {
  private static final V1.ConfigMap CONFIG_MAP =
      V1.ConfigMap.newBuilder()
          .setMetadata(ObjectMeta.newBuilder().setName("c"))
          .putData("k", "v")
          .build();

  private static void assertRefused(byte[] body, int code, String message) {
    assertThatThrownBy(() -> ProtobufBody.decode(body))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(message);
  }

  @Test
  @DisplayName("a body without the k8s\\0 magic, or an empty one, is a 400")
  void noMagic() {
    assertRefused(CONFIG_MAP.toByteArray(), 400, "magic bytes");
    assertRefused(new byte[0], 400, "magic bytes");
    assertRefused("{\"kind\":\"ConfigMap\"}".getBytes(), 400, "magic bytes");
  }

  @Test
  @DisplayName("a truncated envelope or object is a 400")
  void truncated() {
    byte[] body = Envelopes.wrap("v1", "ConfigMap", CONFIG_MAP);
    assertRefused(Arrays.copyOf(body, body.length - 3), 400, "cannot be decoded");
    byte[] object = CONFIG_MAP.toByteArray();
    byte[] cut =
        Envelopes.wrap(
            Unknown.newBuilder()
                .setTypeMeta(TypeMeta.newBuilder().setApiVersion("v1").setKind("ConfigMap"))
                .setRaw(ByteString.copyFrom(object, 0, object.length - 2))
                .build());
    assertRefused(cut, 400, "not a valid v1 ConfigMap");
  }

  @Test
  @DisplayName("an envelope without apiVersion and kind is a 400")
  void missingTypeMeta() {
    byte[] body = Envelopes.wrap(Unknown.newBuilder().setRaw(CONFIG_MAP.toByteString()).build());
    assertRefused(body, 400, "apiVersion and kind");
  }

  @Test
  @DisplayName("a kind or group without a protobuf schema is a 415 that names it")
  void unknownKind() {
    assertRefused(Envelopes.wrap("v1", "Gadget", CONFIG_MAP), 415, "v1 Gadget");
    assertRefused(
        Envelopes.wrap("apps.example.com/v1", "Deployment", CONFIG_MAP),
        415,
        "apps.example.com/v1 Deployment");
    assertRefused(Envelopes.wrap("apps/v9", "Deployment", CONFIG_MAP), 415, "apps/v9");
  }

  @Test
  @DisplayName("a compressed or non-protobuf payload inside the envelope is a 415")
  void contentEncoding() {
    Unknown.Builder unknown =
        Unknown.newBuilder()
            .setTypeMeta(TypeMeta.newBuilder().setApiVersion("v1").setKind("ConfigMap"))
            .setRaw(CONFIG_MAP.toByteString());
    assertRefused(Envelopes.wrap(unknown.clone().setContentEncoding("gzip").build()), 415, "gzip");
    assertRefused(
        Envelopes.wrap(unknown.clone().setContentType("application/json").build()),
        415,
        "application/json");
  }

  @Test
  @DisplayName("a field the schema lacks is a 400 when set, ignored when it holds Go's zero")
  void unknownFields() {
    V1.ConfigMap withValue =
        CONFIG_MAP.toBuilder()
            .setUnknownFields(
                UnknownFieldSet.newBuilder()
                    .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(7).build())
                    .build())
            .build();
    assertRefused(
        Envelopes.wrap("v1", "ConfigMap", withValue), 400, "field 99 of k8s.io.api.core.v1");

    V1.ConfigMap withZero =
        CONFIG_MAP.toBuilder()
            .setUnknownFields(
                UnknownFieldSet.newBuilder()
                    .addField(98, UnknownFieldSet.Field.newBuilder().addVarint(0).build())
                    .addField(
                        99,
                        UnknownFieldSet.Field.newBuilder()
                            .addLengthDelimited(ByteString.EMPTY)
                            .build())
                    .build())
            .build();
    assertThat(ProtobufBody.decode(Envelopes.wrap("v1", "ConfigMap", withZero)).path("data"))
        .hasSize(1);
  }

  @Test
  @DisplayName("a time JSON cannot hold, or invalid embedded JSON, is a 400")
  void undecodableValues() {
    V1.ConfigMap farFuture =
        CONFIG_MAP.toBuilder()
            .setMetadata(
                ObjectMeta.newBuilder()
                    .setName("c")
                    .setCreationTimestamp(Time.newBuilder().setSeconds(Long.MAX_VALUE)))
            .build();
    assertRefused(Envelopes.wrap("v1", "ConfigMap", farFuture), 400, "years 1 to 9999");

    V1Apps.ControllerRevision badJson =
        V1Apps.ControllerRevision.newBuilder()
            .setMetadata(ObjectMeta.newBuilder().setName("r"))
            .setData(RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("{not json")))
            .build();
    assertRefused(Envelopes.wrap("apps/v1", "ControllerRevision", badJson), 400, "invalid JSON");
  }
}
