package io.k3j.core.apiserver.apply;

import static io.k3j.core.apiserver.apply.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FieldSetTest {
  @Test
  @DisplayName("FieldsV1: leaves are empty objects and a member with children carries '.'")
  void encodesMembers() {
    FieldSet set = new FieldSet();
    set.insert(List.of("f:metadata", "f:labels"));
    set.insert(List.of("f:metadata", "f:labels", "f:app"));
    set.insert(List.of("f:spec", "f:containers", "k:{\"name\":\"web\"}", "f:image"));
    set.insert(List.of("f:metadata", "f:finalizers", "v:\"example.com/cleanup\""));

    assertThat(set.toFieldsV1())
        .isEqualTo(
            json(
                "{'f:metadata':{'f:finalizers':{'v:\\'example.com/cleanup\\'':{}},"
                    + "'f:labels':{'.':{},'f:app':{}}},"
                    + "'f:spec':{'f:containers':{'k:{\\'name\\':\\'web\\'}':{'f:image':{}}}}}"));
  }

  @Test
  @DisplayName("FieldsV1 read back gives the same members")
  void roundTrips() {
    FieldSet set =
        FieldSet.fromFieldsV1(json("{'f:data':{'.':{},'f:a':{}},'f:metadata':{'f:labels':{}}}"));

    assertThat(set.paths())
        .containsExactly(
            List.of("f:data"), List.of("f:data", "f:a"), List.of("f:metadata", "f:labels"));
    assertThat(FieldSet.fromFieldsV1(set.toFieldsV1())).isEqualTo(set);
  }

  @Test
  @DisplayName("an unknown path element prefix is rejected")
  void rejectsUnknownElements() {
    assertThatThrownBy(() -> FieldSet.fromFieldsV1(json("{'x:y':{}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x:y");
  }

  @Test
  @DisplayName("set algebra works on members; touches sees members below a path")
  void algebra() {
    FieldSet a = new FieldSet();
    a.insert(List.of("f:a", "f:b"));
    a.insert(List.of("f:c"));
    FieldSet b = new FieldSet();
    b.insert(List.of("f:c"));

    assertThat(a.minus(b).paths()).containsExactly(List.of("f:a", "f:b"));
    assertThat(a.intersect(b).paths()).containsExactly(List.of("f:c"));
    assertThat(a.touches(List.of("f:a"))).isTrue();
    assertThat(a.contains(List.of("f:a"))).isFalse();
  }

  @Test
  @DisplayName("set operations keep members at every depth and leave no empty branches")
  void algebraOnNestedMembers() {
    FieldSet a =
        set(List.of("f:a"), List.of("f:a", "f:b"), List.of("f:a", "f:c", "f:d"), List.of("f:e"));
    FieldSet b = set(List.of("f:a", "f:b"), List.of("f:a", "f:c"), List.of("f:x"));

    assertThat(a.minus(b).paths())
        .containsExactly(List.of("f:a"), List.of("f:a", "f:c", "f:d"), List.of("f:e"));
    assertThat(a.intersect(b).paths()).containsExactly(List.of("f:a", "f:b"));
    assertThat(a.union(b).paths())
        .containsExactly(
            List.of("f:a"),
            List.of("f:a", "f:b"),
            List.of("f:a", "f:c"),
            List.of("f:a", "f:c", "f:d"),
            List.of("f:e"),
            List.of("f:x"));
    assertThat(a.minus(a).isEmpty()).isTrue();
    assertThat(a.minus(a).toFieldsV1()).isEqualTo(json("{}"));
    assertThat(a.intersect(b)).isEqualTo(set(List.of("f:a", "f:b")));
    assertThat(a.union(b).minus(b)).isEqualTo(a.minus(b)).isNotEqualTo(a);
    assertThat(a.copy()).isEqualTo(a).hasSameHashCodeAs(a);
    assertThat(FieldSet.fromFieldsV1(a.toFieldsV1())).isEqualTo(a);
  }

  @SafeVarargs
  private static FieldSet set(List<String>... paths) {
    FieldSet set = new FieldSet();
    for (List<String> path : paths) {
      set.insert(path);
    }
    return set;
  }

  @Test
  @DisplayName("conflict paths print as upstream: fields, keys and set values")
  void displaysPaths() {
    assertThat(
            PathElements.display(
                List.of(
                    "f:spec", "f:ports", "k:{\"port\":80,\"protocol\":\"TCP\"}", "f:targetPort")))
        .isEqualTo(".spec.ports[port=80,protocol=\"TCP\"].targetPort");
    assertThat(PathElements.display(List.of("f:metadata", "f:finalizers", "v:\"x\"")))
        .isEqualTo(".metadata.finalizers[=\"x\"]");
  }
}
