package io.k3j.core.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.kubernetes.client.proto.Meta.DeleteOptions;
import io.kubernetes.client.proto.Meta.Preconditions;
import io.kubernetes.client.proto.V1;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeleteOptionsBodyTest {
  @Test
  @DisplayName("a protobuf DeleteOptions body, as client-go sends with a DELETE, decodes to JSON")
  void decodesClientGoDeleteOptions() {
    byte[] body =
        Envelopes.wrap(
            "v1",
            "DeleteOptions",
            DeleteOptions.newBuilder()
                .setPropagationPolicy("Background")
                .setGracePeriodSeconds(5)
                .setPreconditions(Preconditions.newBuilder().setUid("u-1"))
                .build());
    ObjectNode options = ProtobufBody.decodeDeleteOptions(body);
    assertThat(options.path("kind").asText()).isEqualTo("DeleteOptions");
    assertThat(options.path("propagationPolicy").asText()).isEqualTo("Background");
    assertThat(options.path("gracePeriodSeconds").asLong()).isEqualTo(5);
    assertThat(options.path("preconditions").path("uid").asText()).isEqualTo("u-1");
  }

  @Test
  @DisplayName("a protobuf body of another kind is a 400 naming the kind")
  void otherKindIsBadRequest() {
    byte[] body = Envelopes.wrap("v1", "Secret", V1.Secret.getDefaultInstance());
    assertThatThrownBy(() -> ProtobufBody.decodeDeleteOptions(body))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("Secret");
  }
}
