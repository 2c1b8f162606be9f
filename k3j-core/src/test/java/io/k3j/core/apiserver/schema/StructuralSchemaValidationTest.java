package io.k3j.core.apiserver.schema;

import static io.k3j.core.apiserver.schema.Fixtures.json;
import static io.k3j.core.apiserver.schema.Fixtures.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.core.apiserver.ApiException.Cause;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StructuralSchemaValidationTest {
  private static List<Cause> validate(String spec, String value) {
    StructuralSchema schema =
        schema(
            "{'type':'object','properties':{'spec':{'type':'object','properties':" + spec + "}}}");
    return schema.validate(json("{'apiVersion':'a/v1','kind':'A','spec':" + value + "}"));
  }

  private static Cause cause(String reason, String message, String field) {
    return new Cause(reason, message, field);
  }

  @Test
  @DisplayName("a valid object has no causes")
  void valid() {
    assertThat(validate("{'replicas':{'type':'integer','minimum':1}}", "{'replicas':3}")).isEmpty();
  }

  @Test
  @DisplayName("a wrong type names the observed type, as upstream does")
  void types() {
    assertThat(validate("{'replicas':{'type':'integer'}}", "{'replicas':'3'}"))
        .containsExactly(
            cause(
                "FieldValueTypeInvalid",
                "Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"",
                "spec.replicas"));
    assertThat(validate("{'r':{'type':'integer'}}", "{'r':1.5}"))
        .extracting(Cause::message)
        .containsExactly(
            "Invalid value: \"number\": spec.r in body must be of type integer: \"number\"");
    assertThat(validate("{'r':{'type':'number'}}", "{'r':2}")).isEmpty();
    assertThat(validate("{'r':{'type':'string'}}", "{'r':true}"))
        .extracting(Cause::message)
        .containsExactly(
            "Invalid value: \"boolean\": spec.r in body must be of type string: \"boolean\"");
    assertThat(validate("{'r':{'type':'boolean'}}", "{'r':{}}"))
        .extracting(Cause::message)
        .containsExactly(
            "Invalid value: \"object\": spec.r in body must be of type boolean: \"object\"");
    assertThat(validate("{'r':{'type':'object'}}", "{'r':[]}"))
        .extracting(Cause::message)
        .containsExactly(
            "Invalid value: \"array\": spec.r in body must be of type object: \"array\"");
  }

  @Test
  @DisplayName("null is a type error unless the field is nullable")
  void nullable() {
    assertThat(validate("{'r':{'type':'string'}}", "{'r':null}"))
        .containsExactly(
            cause(
                "FieldValueTypeInvalid",
                "Invalid value: \"null\": spec.r in body must be of type string: \"null\"",
                "spec.r"));
    assertThat(validate("{'r':{'type':'string','nullable':true,'minLength':3}}", "{'r':null}"))
        .isEmpty();
  }

  @Test
  @DisplayName("required fields are reported at their own path")
  void required() {
    assertThat(validate("{'a':{'type':'string'},'b':{'type':'string'}}", "{'a':'x'}")).isEmpty();
    StructuralSchema schema =
        schema(
            "{'type':'object','required':['spec'],'properties':{'spec':{'type':'object',"
                + "'required':['a','b'],'properties':{'a':{'type':'string'},'b':{'type':'string'}}}}}");
    assertThat(schema.validate(json("{'spec':{'a':'x'}}")))
        .containsExactly(cause("FieldValueRequired", "Required value", "spec.b"));
    assertThat(schema.validate(json("{}")))
        .containsExactly(cause("FieldValueRequired", "Required value", "spec"));
  }

  @Test
  @DisplayName("enum lists the supported values quoted")
  void enums() {
    assertThat(validate("{'m':{'type':'string','enum':['a','b']}}", "{'m':'x'}"))
        .containsExactly(
            cause(
                "FieldValueNotSupported",
                "Unsupported value: \"x\": supported values: \"a\", \"b\"",
                "spec.m"));
    assertThat(validate("{'m':{'type':'integer','enum':[1,2]}}", "{'m':3}"))
        .extracting(Cause::message)
        .containsExactly("Unsupported value: 3: supported values: \"1\", \"2\"");
    assertThat(validate("{'m':{'type':'number','enum':[1,2.5]}}", "{'m':1.0}")).isEmpty();
  }

  @Test
  @DisplayName("string length, pattern and format")
  void strings() {
    String spec = "{'s':{'type':'string','minLength':2,'maxLength':4,'pattern':'^[a-z]+$'}}";
    assertThat(validate(spec, "{'s':'abc'}")).isEmpty();
    assertThat(validate(spec, "{'s':'a'}"))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: \"a\": spec.s in body should be at least 2 chars long",
                "spec.s"));
    assertThat(validate(spec, "{'s':'abcde'}"))
        .containsExactly(
            cause("FieldValueTooLong", "Too long: may not be more than 4 bytes", "spec.s"));
    assertThat(validate(spec, "{'s':'AB'}"))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: \"AB\": spec.s in body should match '^[a-z]+$'",
                "spec.s"));
    assertThat(validate("{'s':{'type':'string','maxLength':2}}", "{'s':'\u00e9\u00e9'}"))
        .as("length counts characters, not bytes")
        .isEmpty();
  }

  @Test
  @DisplayName("formats upstream checks reject bad strings; numeric formats are not checked")
  void formats() {
    assertThat(validate("{'t':{'type':'string','format':'date-time'}}", "{'t':'yesterday'}"))
        .containsExactly(
            cause(
                "FieldValueTypeInvalid",
                "Invalid value: \"yesterday\": spec.t in body must be of type date-time: \"yesterday\"",
                "spec.t"));
    assertThat(
            validate(
                "{'t':{'type':'string','format':'date-time'}}", "{'t':'2024-02-29T10:00:00Z'}"))
        .isEmpty();
    assertThat(validate("{'t':{'type':'string','format':'date'}}", "{'t':'2023-02-29'}"))
        .hasSize(1);
    assertThat(validate("{'t':{'type':'string','format':'date'}}", "{'t':'2024-02-29'}")).isEmpty();
    assertThat(validate("{'t':{'type':'string','format':'byte'}}", "{'t':'aGVsbG8='}")).isEmpty();
    assertThat(validate("{'t':{'type':'string','format':'byte'}}", "{'t':'not base64!'}"))
        .hasSize(1);
    assertThat(validate("{'t':{'type':'string','format':'ipv4'}}", "{'t':'10.0.0.256'}"))
        .hasSize(1);
    assertThat(validate("{'t':{'type':'string','format':'cidr'}}", "{'t':'10.0.0.0/8'}")).isEmpty();
    assertThat(validate("{'t':{'type':'string','format':'uuid'}}", "{'t':'nope'}")).hasSize(1);
    assertThat(validate("{'n':{'type':'integer','format':'int32'}}", "{'n':9999999999}")).isEmpty();
  }

  @Test
  @DisplayName("minimum, maximum, exclusive bounds and multipleOf")
  void numbers() {
    String spec = "{'n':{'type':'integer','minimum':1,'maximum':10,'multipleOf':2}}";
    assertThat(validate(spec, "{'n':4}")).isEmpty();
    assertThat(validate(spec, "{'n':0}"))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: 0: spec.n in body should be greater than or equal to 1",
                "spec.n"));
    assertThat(validate(spec, "{'n':12}"))
        .extracting(Cause::message)
        .containsExactly("Invalid value: 12: spec.n in body should be less than or equal to 10");
    assertThat(validate(spec, "{'n':5}"))
        .extracting(Cause::message)
        .containsExactly("Invalid value: 5: spec.n in body should be a multiple of 2");
    String exclusive =
        "{'n':{'type':'number','minimum':0,'exclusiveMinimum':true,'maximum':1.5,'exclusiveMaximum':true}}";
    assertThat(validate(exclusive, "{'n':0}"))
        .extracting(Cause::message)
        .containsExactly("Invalid value: 0: spec.n in body should be greater than 0");
    assertThat(validate(exclusive, "{'n':1.5}"))
        .extracting(Cause::message)
        .containsExactly("Invalid value: 1.5: spec.n in body should be less than 1.5");
    assertThat(validate("{'n':{'type':'integer','maximum':1000000}}", "{'n':1000001}"))
        .extracting(Cause::message)
        .as("bounds print as Go float64")
        .containsExactly(
            "Invalid value: 1000001: spec.n in body should be less than or equal to 1e+06");
  }

  @Test
  @DisplayName("array and object sizes")
  void sizes() {
    String spec =
        "{'l':{'type':'array','minItems':1,'maxItems':2,'items':{'type':'string'}},"
            + "'m':{'type':'object','minProperties':1,'maxProperties':1,"
            + "'additionalProperties':{'type':'string'}}}";
    assertThat(validate(spec, "{'l':['a'],'m':{'k':'v'}}")).isEmpty();
    assertThat(validate(spec, "{'l':['a','b','c'],'m':{'a':'1','b':'2'}}"))
        .containsExactly(
            cause("FieldValueTooMany", "Too many: 3: must have at most 2 items", "spec.l"),
            cause("FieldValueTooMany", "Too many: 2: must have at most 1 item", "spec.m"));
    assertThat(validate(spec, "{'l':[],'m':{}}"))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: []: spec.l in body should have at least 1 items",
                "spec.l"),
            cause(
                "FieldValueInvalid",
                "Invalid value: {}: spec.m in body should have at least 1 properties",
                "spec.m"));
  }

  @Test
  @DisplayName("nested objects, array items and map values carry full paths")
  void nesting() {
    String spec =
        "{'containers':{'type':'array','items':{'type':'object','properties':{"
            + "'ports':{'type':'array','items':{'type':'integer'}}}}},"
            + "'labels':{'type':'object','additionalProperties':{'type':'string'}}}";
    assertThat(
            validate(spec, "{'containers':[{'ports':[80]},{'ports':[80,'x']}],'labels':{'app':1}}"))
        .extracting(Cause::field)
        .containsExactly("spec.containers[1].ports[1]", "spec.labels.app");
  }

  @Test
  @DisplayName("x-kubernetes-int-or-string accepts integers and strings only")
  void intOrString() {
    String spec = "{'port':{'x-kubernetes-int-or-string':true}}";
    assertThat(validate(spec, "{'port':8080}")).isEmpty();
    assertThat(validate(spec, "{'port':'http'}")).isEmpty();
    assertThat(validate(spec, "{'port':1.5}"))
        .containsExactly(
            cause(
                "FieldValueTypeInvalid",
                "Invalid value: \"number\": spec.port in body must be of type integer,string: \"number\"",
                "spec.port"));
  }

  @Test
  @DisplayName("embedded resources need apiVersion and kind")
  void embeddedResource() {
    String spec =
        "{'template':{'type':'object','x-kubernetes-embedded-resource':true,"
            + "'x-kubernetes-preserve-unknown-fields':true}}";
    assertThat(validate(spec, "{'template':{'apiVersion':'v1','kind':'Pod'}}")).isEmpty();
    assertThat(validate(spec, "{'template':{}}"))
        .containsExactly(
            cause(
                "FieldValueRequired",
                "Required value: must not be empty",
                "spec.template.apiVersion"),
            cause("FieldValueRequired", "Required value: must not be empty", "spec.template.kind"));
    assertThat(validate(spec, "{'template':{'apiVersion':'v1','kind':'my_kind'}}"))
        .extracting(Cause::message)
        .singleElement()
        .asString()
        .startsWith(
            "Invalid value: \"my_kind\": may have mixed case, but should otherwise match: a DNS-1035 label");
  }

  @Test
  @DisplayName("list-type set and map reject duplicates at the duplicate's index")
  void listTypes() {
    String spec =
        "{'s':{'type':'array','x-kubernetes-list-type':'set','items':{'type':'string'}},"
            + "'m':{'type':'array','x-kubernetes-list-type':'map','x-kubernetes-list-map-keys':['name'],"
            + "'items':{'type':'object','properties':{'name':{'type':'string'},'v':{'type':'integer'}}}}}";
    assertThat(validate(spec, "{'s':['a','b'],'m':[{'name':'a','v':1},{'name':'b','v':1}]}"))
        .isEmpty();
    assertThat(validate(spec, "{'s':['a','b','a'],'m':[{'name':'a','v':1},{'name':'a','v':2}]}"))
        .containsExactly(
            cause("FieldValueDuplicate", "Duplicate value: \"a\"", "spec.s[2]"),
            cause("FieldValueDuplicate", "Duplicate value: {\"name\":\"a\"}", "spec.m[1]"));
    assertThat(validate(spec, "{'m':['a']}"))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: \"a\": must be an object for an array of list-type map",
                "spec.m[0]"),
            cause(
                "FieldValueTypeInvalid",
                "Invalid value: \"string\": spec.m[0] in body must be of type object: \"string\"",
                "spec.m[0]"));
  }

  @Test
  @DisplayName("allOf, anyOf, oneOf and not apply value validations")
  void junctors() {
    assertThat(
            validate("{'n':{'type':'integer','allOf':[{'minimum':1},{'maximum':3}]}}", "{'n':5}"))
        .extracting(Cause::message)
        .containsExactly("Invalid value: 5: spec.n in body should be less than or equal to 3");
    String anyOf = "{'s':{'type':'string','anyOf':[{'pattern':'^a'},{'pattern':'^b'}]}}";
    assertThat(validate(anyOf, "{'s':'bx'}")).isEmpty();
    assertThat(validate(anyOf, "{'s':'cx'}"))
        .extracting(Cause::message)
        .containsExactly(
            "Invalid value: \"\": \"spec.s\" must validate at least one schema (anyOf)",
            "Invalid value: \"cx\": spec.s in body should match '^a'",
            "Invalid value: \"cx\": spec.s in body should match '^b'");
    String oneOf = "{'n':{'type':'integer','oneOf':[{'minimum':5},{'maximum':10}]}}";
    assertThat(validate(oneOf, "{'n':1}")).isEmpty();
    assertThat(validate(oneOf, "{'n':7}"))
        .extracting(Cause::message)
        .containsExactly(
            "Invalid value: \"\": \"spec.n\" must validate one and only one schema (oneOf)");
    String not = "{'s':{'type':'string','not':{'enum':['forbidden']}}}";
    assertThat(validate(not, "{'s':'ok'}")).isEmpty();
    assertThat(validate(not, "{'s':'forbidden'}"))
        .extracting(Cause::message)
        .containsExactly("Invalid value: \"\": \"spec.s\" must not validate the schema (not)");
    String required =
        "{'o':{'type':'object','properties':{'a':{'type':'string'},'b':{'type':'string'}},"
            + "'oneOf':[{'required':['a']},{'required':['b']}]}}";
    assertThat(validate(required, "{'o':{'a':'x'}}")).isEmpty();
    assertThat(validate(required, "{'o':{'a':'x','b':'y'}}")).hasSize(1);
  }
}
