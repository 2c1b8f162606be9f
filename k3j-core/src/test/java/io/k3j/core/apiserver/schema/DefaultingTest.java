package io.k3j.core.apiserver.schema;

import static io.k3j.core.apiserver.schema.Fixtures.json;
import static io.k3j.core.apiserver.schema.Fixtures.object;
import static io.k3j.core.apiserver.schema.Fixtures.schema;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DefaultingTest {
  private static final StructuralSchema SCHEMA =
      schema(
          "{'type':'object','properties':{'spec':{'type':'object','default':{},'properties':{"
              + "'replicas':{'type':'integer','default':1},"
              + "'mode':{'type':'string','default':'auto'},"
              + "'note':{'type':'string','nullable':true,'default':'n'},"
              + "'ports':{'type':'array','items':{'type':'object','default':{},'properties':{"
              + "'protocol':{'type':'string','default':'TCP'}}}},"
              + "'limits':{'type':'object','additionalProperties':{'type':'object','properties':{"
              + "'max':{'type':'integer','default':10}}}}}}}}");

  @Test
  @DisplayName("absent fields get their default; a filled-in default is itself defaulted")
  void absentFields() {
    ObjectNode object = object("{'apiVersion':'a/v1'}");

    SCHEMA.applyDefaults(object);

    assertThat(object)
        .isEqualTo(json("{'apiVersion':'a/v1','spec':{'replicas':1,'mode':'auto','note':'n'}}"));
  }

  @Test
  @DisplayName("set values are kept; null is defaulted unless the field is nullable")
  void presentAndNull() {
    ObjectNode object = object("{'spec':{'replicas':3,'mode':null,'note':null}}");

    SCHEMA.applyDefaults(object);

    assertThat(object).isEqualTo(json("{'spec':{'replicas':3,'mode':'auto','note':null}}"));
  }

  @Test
  @DisplayName("defaults apply inside array items and map values")
  void itemsAndMaps() {
    ObjectNode object =
        object(
            "{'spec':{'replicas':1,'mode':'m','note':'x',"
                + "'ports':[{'protocol':'UDP'},{},null],'limits':{'cpu':{},'mem':{'max':2}}}}");

    SCHEMA.applyDefaults(object);

    assertThat(object)
        .isEqualTo(
            json(
                "{'spec':{'replicas':1,'mode':'m','note':'x',"
                    + "'ports':[{'protocol':'UDP'},{'protocol':'TCP'},{'protocol':'TCP'}],"
                    + "'limits':{'cpu':{'max':10},'mem':{'max':2}}}}"));
  }

  @Test
  @DisplayName("a default is copied, never shared between objects")
  void copies() {
    StructuralSchema schema =
        schema(
            "{'type':'object','properties':{'o':{'type':'object','default':{'a':[1]},"
                + "'properties':{'a':{'type':'array','items':{'type':'integer'}}}}}}");
    ObjectNode first = object("{}");
    schema.applyDefaults(first);
    ((ArrayNode) first.get("o").get("a")).add(2);

    ObjectNode second = object("{}");
    schema.applyDefaults(second);

    assertThat(second).isEqualTo(json("{'o':{'a':[1]}}"));
  }
}
