package io.k3j.core.apiserver.schema;

import static io.k3j.core.apiserver.schema.Fixtures.json;
import static io.k3j.core.apiserver.schema.Fixtures.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CrdDefaultsTest {
  @Test
  @DisplayName("singular, listKind and conversion strategy are filled from the kind")
  void fillsDefaults() {
    ObjectNode crd = object("{'spec':{'group':'a.io','names':{'plural':'plans','kind':'Plan'}}}");

    CrdDefaults.apply(crd);

    assertThat(crd)
        .isEqualTo(
            json(
                "{'spec':{'group':'a.io','names':{'plural':'plans','kind':'Plan',"
                    + "'singular':'plan','listKind':'PlanList'},'conversion':{'strategy':'None'}}}"));
  }

  @Test
  @DisplayName("values already set are kept")
  void keepsValues() {
    ObjectNode crd =
        object(
            "{'spec':{'names':{'kind':'Plan','singular':'p','listKind':'Plans'},"
                + "'conversion':{'strategy':'Webhook'}}}");
    ObjectNode before = crd.deepCopy();

    CrdDefaults.apply(crd);

    assertThat(crd).isEqualTo(before);
  }
}
