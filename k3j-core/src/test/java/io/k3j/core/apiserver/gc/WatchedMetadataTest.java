package io.k3j.core.apiserver.gc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.resources.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WatchedMetadataTest {
  private static JsonNode of(String value) {
    return WatchedMetadata.of(value.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode json(String text) {
    return Json.tree(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("the four watched metadata fields are read as the whole object has them")
  void readsWatchedFields() {
    String value =
        "{'kind':'ConfigMap','data':{'metadata':{'uid':'not this one'}},'metadata':{'name':'a',"
            + "'uid':'u-1','labels':{'x':'y'},'ownerReferences':[{'uid':'o-1','kind':'X'}],"
            + "'finalizers':['example.com/f'],'deletionTimestamp':null,'managedFields':[{}]},"
            + "'spec':[1,{'a':[]}]}";

    assertThat(of(value.replace('\'', '"')))
        .isEqualTo(
            json(
                "{'uid':'u-1','ownerReferences':[{'uid':'o-1','kind':'X'}],"
                    + "'finalizers':['example.com/f'],'deletionTimestamp':null}"));
  }

  @Test
  @DisplayName("no metadata object, bad JSON or trailing content read as no fields")
  void otherValues() {
    assertThat(of("{\"metadata\":{\"uid\":\"u\"},\"metadata\":\"text\"}")).isEmpty();
    assertThat(of("{\"metadata\":\"text\",\"metadata\":{\"uid\":\"u\"}}"))
        .isEqualTo(json("{'uid':'u'}"));
    assertThat(of("{\"metadata\":{\"uid\":\"u\"}} {}")).isEmpty();
    assertThat(of("{\"metadata\":{\"uid\":")).isEmpty();
    assertThat(of("health")).isEmpty();
    assertThat(of("")).isEmpty();
    assertThat(of("[1]")).isEmpty();
  }
}
