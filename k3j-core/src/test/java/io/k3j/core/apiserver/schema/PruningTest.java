package io.k3j.core.apiserver.schema;

import static io.k3j.core.apiserver.schema.Fixtures.json;
import static io.k3j.core.apiserver.schema.Fixtures.object;
import static io.k3j.core.apiserver.schema.Fixtures.schema;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PruningTest {
  private static final StructuralSchema SCHEMA =
      schema(
          "{'type':'object','properties':{"
              + "'spec':{'type':'object','properties':{"
              + "'replicas':{'type':'integer'},"
              + "'items':{'type':'array','items':{'type':'object','properties':{'name':{'type':'string'}}}},"
              + "'labels':{'type':'object','additionalProperties':{'type':'object','properties':{'v':{'type':'string'}}}},"
              + "'free':{'type':'object','x-kubernetes-preserve-unknown-fields':true,"
              + "'properties':{'known':{'type':'object','properties':{'a':{'type':'string'}}}}},"
              + "'template':{'type':'object','x-kubernetes-embedded-resource':true,"
              + "'properties':{'spec':{'type':'object','properties':{'image':{'type':'string'}}}}}}},"
              + "'status':{'type':'object','x-kubernetes-preserve-unknown-fields':true}}}");

  @Test
  @DisplayName("unknown fields are dropped at every level and reported by path")
  void prunesUnknownFields() {
    ObjectNode object =
        object(
            "{'apiVersion':'a.io/v1','kind':'A','extra':1,'spec':{'replicas':1,'bogus':true,"
                + "'items':[{'name':'a','x':1}],'labels':{'k':{'v':'1','w':'2'}}}}");

    assertThat(SCHEMA.unknownFields(object))
        .containsExactly("extra", "spec.bogus", "spec.items[0].x", "spec.labels.k.w");
    assertThat(object.has("extra")).as("unknownFields leaves the object unchanged").isTrue();

    SCHEMA.prune(object);

    assertThat(object)
        .isEqualTo(
            json(
                "{'apiVersion':'a.io/v1','kind':'A','spec':{'replicas':1,"
                    + "'items':[{'name':'a'}],'labels':{'k':{'v':'1'}}}}"));
  }

  @Test
  @DisplayName(
      "x-kubernetes-preserve-unknown-fields keeps unknown fields but prunes known subtrees")
  void preserveUnknownFields() {
    ObjectNode object =
        object(
            "{'spec':{'free':{'anything':{'deep':[1,2]},'known':{'a':'x','b':'y'}}},"
                + "'status':{'whatever':true}}");

    SCHEMA.prune(object);

    assertThat(object)
        .isEqualTo(
            json(
                "{'spec':{'free':{'anything':{'deep':[1,2]},'known':{'a':'x'}}},"
                    + "'status':{'whatever':true}}"));
  }

  @Test
  @DisplayName(
      "root metadata is left alone; embedded resources keep apiVersion, kind and ObjectMeta")
  void resourceFields() {
    ObjectNode object =
        object(
            "{'metadata':{'name':'x','custom':1},'spec':{'template':{'apiVersion':'v1','kind':'Pod',"
                + "'metadata':{'name':'p','labels':{'a':'b'},'junk':1},"
                + "'spec':{'image':'nginx','other':1},'extra':2}}}");

    SCHEMA.prune(object);

    assertThat(object)
        .isEqualTo(
            json(
                "{'metadata':{'name':'x','custom':1},'spec':{'template':{'apiVersion':'v1','kind':'Pod',"
                    + "'metadata':{'name':'p','labels':{'a':'b'}},'spec':{'image':'nginx'}}}}"));
  }

  @Test
  @DisplayName("additionalProperties: true keeps every map entry")
  void additionalPropertiesTrue() {
    StructuralSchema schema =
        schema(
            "{'type':'object','properties':{'data':{'type':'object','additionalProperties':true}}}");
    ObjectNode object = object("{'data':{'a':{'b':1}}}");

    schema.prune(object);

    assertThat(object).isEqualTo(json("{'data':{'a':{'b':1}}}"));
  }
}
