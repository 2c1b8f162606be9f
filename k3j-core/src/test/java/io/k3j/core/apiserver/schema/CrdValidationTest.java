package io.k3j.core.apiserver.schema;

import static io.k3j.core.apiserver.schema.Fixtures.json;
import static io.k3j.core.apiserver.schema.Fixtures.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException.Cause;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CrdValidationTest {
  private static final String SCHEMA =
      "{'openAPIV3Schema':{'type':'object','properties':{'spec':{'type':'object','properties':{"
          + "'replicas':{'type':'integer'}}},'status':{'type':'object','properties':{"
          + "'replicas':{'type':'integer'},'selector':{'type':'string'}}}}}}";

  private static ObjectNode crd() {
    return object(
        "{'apiVersion':'apiextensions.k8s.io/v1','kind':'CustomResourceDefinition',"
            + "'metadata':{'name':'widgets.example.com'},'spec':{'group':'example.com',"
            + "'scope':'Namespaced','names':{'plural':'widgets','kind':'Widget'},"
            + "'versions':[{'name':'v1','served':true,'storage':true,'schema':"
            + SCHEMA
            + ",'subresources':{'scale':{'specReplicasPath':'.spec.replicas',"
            + "'statusReplicasPath':'.status.replicas','labelSelectorPath':'.status.selector'}},"
            + "'additionalPrinterColumns':[{'name':'Replicas','type':'integer',"
            + "'jsonPath':'.spec.replicas'}]}]}}");
  }

  private static List<Cause> validate(ObjectNode crd) {
    CrdDefaults.apply(crd);
    return CrdValidation.validate(crd);
  }

  private static ObjectNode spec(ObjectNode crd) {
    return (ObjectNode) crd.get("spec");
  }

  private static ObjectNode version(ObjectNode crd) {
    return (ObjectNode) crd.get("spec").get("versions").get(0);
  }

  @Test
  @DisplayName("a complete CRD is valid")
  void valid() {
    assertThat(validate(crd())).isEmpty();
  }

  @Test
  @DisplayName("metadata.name must be <plural>.<group>")
  void name() {
    ObjectNode crd = crd();
    ((ObjectNode) crd.get("metadata")).put("name", "gadgets.example.com");
    assertThat(validate(crd))
        .containsExactly(
            new Cause(
                "FieldValueInvalid",
                "Invalid value: \"gadgets.example.com\": must be spec.names.plural+\".\"+spec.group",
                "metadata.name"));
  }

  @Test
  @DisplayName("the group needs a dot, the scope is Namespaced or Cluster")
  void groupAndScope() {
    ObjectNode crd = crd();
    ((ObjectNode) crd.get("metadata")).put("name", "widgets.example");
    spec(crd).put("group", "example").put("scope", "Global");
    assertThat(validate(crd))
        .containsExactly(
            new Cause(
                "FieldValueInvalid",
                "Invalid value: \"example\": should be a domain with at least one dot",
                "spec.group"),
            new Cause(
                "FieldValueNotSupported",
                "Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespaced\"",
                "spec.scope"));
  }

  @Test
  @DisplayName("names are DNS-1035 labels; kind may have mixed case; plural and kind required")
  void names() {
    ObjectNode crd = crd();
    ((ObjectNode) spec(crd).get("names")).put("singular", "Widget").put("kind", "Wid_get");
    List<Cause> causes = validate(crd);
    assertThat(causes)
        .extracting(Cause::field)
        .as("listKind defaults to the invalid kind + List")
        .containsExactly("spec.names.singular", "spec.names.kind", "spec.names.listKind");
    assertThat(causes.get(1).message())
        .isEqualTo(
            "Invalid value: \"Wid_get\": may have mixed case, but should otherwise match: a DNS-1035"
                + " label must consist of lower case alphanumeric characters or '-', start with an"
                + " alphabetic character, and end with an alphanumeric character (e.g. 'my-name', "
                + " or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");

    ObjectNode missing = crd();
    ((ObjectNode) missing.get("metadata")).put("name", ".example.com");
    spec(missing).set("names", json("{}"));
    assertThat(CrdValidation.validate(missing))
        .extracting(Cause::field)
        .contains(
            "spec.names.plural", "spec.names.singular", "spec.names.kind", "spec.names.listKind");
  }

  @Test
  @DisplayName("versions: at least one, unique DNS-1035 names, exactly one storage version")
  void versions() {
    ObjectNode none = crd();
    spec(none).set("versions", json("[]"));
    assertThat(validate(none))
        .containsExactly(
            new Cause(
                "FieldValueRequired",
                "Required value: must have at least one version",
                "spec.versions"));

    ObjectNode two = crd();
    JsonNode second = version(two).deepCopy();
    ((ObjectNode) second).put("name", "V2");
    spec(two).withArray("versions").add(second);
    List<Cause> causes = validate(two);
    assertThat(causes)
        .extracting(Cause::field)
        .containsExactly("spec.versions[1].name", "spec.versions");
    assertThat(causes.get(1).message())
        .startsWith("Invalid value: [{")
        .endsWith("]: must have exactly one version marked as storage version");
  }

  @Test
  @DisplayName("every version needs a structural schema; reasons carry upstream's paths")
  void schemas() {
    ObjectNode missing = crd();
    version(missing).remove("schema");
    assertThat(validate(missing))
        .contains(
            new Cause(
                "FieldValueRequired",
                "Required value: schemas are required",
                "spec.versions[0].schema.openAPIV3Schema"));

    ObjectNode untyped = crd();
    version(untyped)
        .set(
            "schema",
            json(
                "{'openAPIV3Schema':{'properties':{'spec':{'properties':{'list':{'type':'array'}}},"
                    + "'status':{'type':'object','properties':{'replicas':{'type':'integer'},"
                    + "'selector':{'type':'string'}}}}}}"));
    String root = "spec.versions[0].schema.openAPIV3Schema";
    assertThat(validate(untyped))
        .as("sorted by their text, as upstream sorts them")
        .containsExactly(
            new Cause(
                "FieldValueRequired",
                "Required value: must be specified",
                root + ".properties[spec].properties[list].items"),
            new Cause(
                "FieldValueRequired",
                "Required value: must not be empty for specified object fields",
                root + ".properties[spec].type"),
            new Cause(
                "FieldValueRequired",
                "Required value: must not be empty at the root",
                root + ".type"));
  }

  @Test
  @DisplayName("value validations may not add types, fields or metadata restrictions")
  void nonStructuralJunctors() {
    ObjectNode crd = crd();
    version(crd).remove("subresources");
    version(crd).remove("additionalPrinterColumns");
    version(crd)
        .set(
            "schema",
            json(
                "{'openAPIV3Schema':{'type':'object','properties':{'metadata':{'type':'object',"
                    + "'properties':{'labels':{'type':'object'}}},'spec':{'type':'object',"
                    + "'anyOf':[{'type':'object','properties':{'x':{'minimum':1}}}]},"
                    + "'port':{'x-kubernetes-int-or-string':true,"
                    + "'anyOf':[{'type':'integer'},{'type':'string'}]},"
                    + "'name':{'type':'string','pattern':'('}}}}"));
    String root = "spec.versions[0].schema.openAPIV3Schema";
    assertThat(validate(crd))
        .extracting(c -> c.field() + ": " + c.message())
        .containsExactly(
            root
                + ".properties[metadata]: Forbidden: must not specify anything other than name and"
                + " generateName, but metadata is implicitly specified",
            root
                + ".properties[name].pattern: Invalid value: \"(\": must be a valid regular"
                + " expression, but isn't: Unclosed group",
            root + ".properties[spec].anyOf[0].type: Forbidden: must be empty to be structural",
            root
                + ".properties[spec].properties[x]: Required value: because it is defined in "
                + root
                + ".properties[spec].anyOf[0].properties[x]");
  }

  @Test
  @DisplayName("scale paths live under .spec / .status; printer columns need name, type, jsonPath")
  void subresourcesAndColumns() {
    ObjectNode crd = crd();
    version(crd)
        .set(
            "subresources",
            json(
                "{'scale':{'specReplicasPath':'.status.replicas','statusReplicasPath':'status.r',"
                    + "'labelSelectorPath':'.metadata.labels'}}"));
    version(crd).set("additionalPrinterColumns", json("[{'type':'float','format':'hex'}]"));
    assertThat(validate(crd))
        .extracting(c -> c.field() + ": " + c.message())
        .containsExactly(
            "spec.versions[0].subresources.scale.specReplicasPath: Invalid value:"
                + " \".status.replicas\": should be a json path under .spec",
            "spec.versions[0].subresources.scale.statusReplicasPath: Invalid value: \"status.r\":"
                + " must be a simple json path starting with .",
            "spec.versions[0].subresources.scale.labelSelectorPath: Invalid value:"
                + " \".metadata.labels\": should be a json path under either .spec or .status",
            "spec.versions[0].additionalPrinterColumns[0].name: Required value",
            "spec.versions[0].additionalPrinterColumns[0].type: Unsupported value: \"float\":"
                + " supported values: \"boolean\", \"date\", \"integer\", \"number\", \"string\"",
            "spec.versions[0].additionalPrinterColumns[0].format: Unsupported value: \"hex\":"
                + " supported values: \"byte\", \"date\", \"date-time\", \"double\", \"float\","
                + " \"int32\", \"int64\", \"password\"",
            "spec.versions[0].additionalPrinterColumns[0].jsonPath: Required value");
  }

  @Test
  @DisplayName("the conversion strategy is None or Webhook")
  void conversion() {
    ObjectNode crd = crd();
    spec(crd).set("conversion", json("{'strategy':'Magic'}"));
    assertThat(validate(crd))
        .containsExactly(
            new Cause(
                "FieldValueNotSupported",
                "Unsupported value: \"Magic\": supported values: \"None\", \"Webhook\"",
                "spec.conversion.strategy"));
  }
}
