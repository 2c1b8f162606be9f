package io.k3j.core.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.core.apiserver.ApiException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TableFormatTest {
  private static final String KUBECTL =
      "application/json;as=Table;v=v1;g=meta.k8s.io,"
          + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

  @Test
  @DisplayName("kubectl's Accept header negotiates a v1 Table, echoed as the Content-Type")
  void kubectl() {
    TableFormat format = TableFormat.negotiate(KUBECTL, null).orElseThrow();
    assertThat(format.version()).isEqualTo("v1");
    assertThat(format.include()).isEqualTo(IncludeObject.METADATA);
    assertThat(format.contentType()).isEqualTo("application/json;as=Table;v=v1;g=meta.k8s.io");
    assertThat(format.apiVersion()).isEqualTo("meta.k8s.io/v1");
  }

  @Test
  @DisplayName("v1beta1 is served to clients that ask for it, and quality values order choices")
  void versionsAndQuality() {
    assertThat(
            TableFormat.negotiate("application/json;as=Table;v=v1beta1;g=meta.k8s.io", null)
                .orElseThrow()
                .contentType())
        .isEqualTo("application/json;as=Table;v=v1beta1;g=meta.k8s.io");
    assertThat(
            TableFormat.negotiate(
                "application/json;as=Table;v=v1;g=meta.k8s.io;q=0.5, application/json", null))
        .isEmpty();
    assertThat(
            TableFormat.negotiate(
                "application/json;q=0.1, application/json; as=Table; v=v1; g=meta.k8s.io", null))
        .isPresent();
  }

  @Test
  @DisplayName("plain JSON, wildcards, other conversions and no Accept at all get the object")
  void plain() {
    assertThat(TableFormat.negotiate(null, null)).isEmpty();
    assertThat(TableFormat.negotiate("application/json", null)).isEmpty();
    assertThat(TableFormat.negotiate("*/*", null)).isEmpty();
    assertThat(
            TableFormat.negotiate(
                "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,"
                    + "application/json",
                null))
        .isEmpty();
    assertThat(TableFormat.negotiate("application/vnd.kubernetes.protobuf", null)).isEmpty();
  }

  @Test
  @DisplayName("an unsupported Table version falls back to JSON, and is a 406 when it is all")
  void unsupportedTable() {
    assertThat(
            TableFormat.negotiate(
                "application/json;as=Table;v=v2;g=meta.k8s.io,application/json", null))
        .isEmpty();
    assertThatThrownBy(
            () -> TableFormat.negotiate("application/json;as=Table;v=v2;g=meta.k8s.io", null))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(406);
              assertThat(e.reason()).isEqualTo("NotAcceptable");
            });
  }

  @Test
  @DisplayName("includeObject is None, Metadata (default) or Object; anything else is a 400")
  void includeObject() {
    assertThat(TableFormat.negotiate(KUBECTL, "None").orElseThrow().include())
        .isEqualTo(IncludeObject.NONE);
    assertThat(TableFormat.negotiate(KUBECTL, "Object").orElseThrow().include())
        .isEqualTo(IncludeObject.OBJECT);
    assertThat(TableFormat.negotiate(KUBECTL, "").orElseThrow().include())
        .isEqualTo(IncludeObject.METADATA);
    assertThatThrownBy(() -> TableFormat.negotiate(KUBECTL, "Everything"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.getMessage())
                  .isEqualTo("unrecognized includeObject value: \"Everything\"");
            });
  }
}
