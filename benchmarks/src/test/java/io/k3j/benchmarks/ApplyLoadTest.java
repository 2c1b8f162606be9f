package io.k3j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ApplyLoadTest {

  @Test
  @DisplayName("the three managers apply 50 fields between them and never the same one")
  void managersOwnDisjointFields() {
    Set<String> all = new HashSet<>();
    int applied = 0;
    for (int manager = 0; manager < ApplyLoad.MANAGERS; manager++) {
      Set<String> fields = ApplyLoad.desired(7, manager, 3).getData().keySet();
      applied += fields.size();
      all.addAll(fields);
    }
    assertThat(applied).isEqualTo(ApplyLoad.FIELDS);
    assertThat(all).hasSize(ApplyLoad.FIELDS);
  }

  @Test
  @DisplayName("every round applies new values, so each apply is a real write")
  void roundsChangeValues() {
    assertThat(ApplyLoad.desired(0, 1, 1).getData())
        .isNotEqualTo(ApplyLoad.desired(0, 1, 2).getData());
    assertThat(ApplyLoad.desired(0, 1, 1).getMetadata().getName()).isEqualTo("applied-0");
  }
}
