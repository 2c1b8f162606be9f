package io.k3j.core.apiserver.resources;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON of an object as stored (without {@code resourceVersion}) and the place in it, the end of
 * {@code metadata}, where the copy a client is sent gets its {@code resourceVersion}: a client then
 * receives the stored bytes with that one field spliced in, byte for byte what serialising the
 * object with {@code metadata.resourceVersion} appended gives, without serialising it again.
 *
 * @param json the stored bytes
 * @param metadataEnd offset of the {@code '}'} closing {@code metadata}, or -1 when a client's copy
 *     cannot be made by splicing (no metadata object, or one that already has a resourceVersion)
 * @param metadataEmpty whether {@code metadata} has no field (no comma before the spliced one)
 */
public record StoredJson(byte[] json, int metadataEnd, boolean metadataEmpty) {

  /** Serialises {@code object} once, noting where its metadata ends; same bytes as Json.bytes. */
  public static StoredJson of(ObjectNode object) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    int metadataEnd = -1;
    boolean metadataEmpty = false;
    // One provider for the whole object: the mapper's writeTree would make one per field.
    SerializerProvider provider = Json.MAPPER.getSerializerProviderInstance();
    try (JsonGenerator generator = Json.MAPPER.createGenerator(out)) {
      generator.writeStartObject();
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = field.getValue();
        generator.writeFieldName(field.getKey());
        if (!field.getKey().equals("metadata")
            || !value.isObject()
            || value.has("resourceVersion")) {
          ((JsonSerializable) value).serialize(generator, provider);
          continue;
        }
        generator.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> meta = value.fields(); meta.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = meta.next();
          generator.writeFieldName(entry.getKey());
          ((JsonSerializable) entry.getValue()).serialize(generator, provider);
        }
        generator.flush();
        metadataEnd = out.size();
        metadataEmpty = value.isEmpty();
        generator.writeEndObject();
      }
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("a JSON tree always serializes", e);
    }
    return new StoredJson(out.toByteArray(), metadataEnd, metadataEmpty);
  }

  /**
   * Finds the end of {@code metadata} in bytes read from the datastore with a streaming scan (no
   * tree is built). {@code apiVersion}, when not null, must be the object's apiVersion (custom
   * resources are served under the requested version): otherwise the result cannot be spliced.
   */
  public static StoredJson scan(byte[] json, String apiVersion) {
    StoredJson none = new StoredJson(json, -1, false);
    boolean apiVersionSeen = apiVersion == null;
    int metadataEnd = -1;
    boolean metadataEmpty = true;
    try (JsonParser parser = Json.MAPPER.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return none;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("apiVersion") && apiVersion != null) {
          if (value != JsonToken.VALUE_STRING || !apiVersion.equals(parser.getText())) {
            return none;
          }
          apiVersionSeen = true;
        } else if (name.equals("metadata") && value == JsonToken.START_OBJECT) {
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            if (parser.currentName().equals("resourceVersion")) {
              return none;
            }
            metadataEmpty = false;
            parser.nextToken();
            parser.skipChildren();
          }
          metadataEnd = (int) parser.currentTokenLocation().getByteOffset();
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      return none;
    }
    return apiVersionSeen ? new StoredJson(json, metadataEnd, metadataEmpty) : none;
  }

  /** Whether {@link #withResourceVersion} can answer. */
  public boolean spliceable() {
    return metadataEnd >= 0;
  }

  /**
   * The stored bytes with {@code "resourceVersion":"<revision>"} as the last field of metadata, or
   * null when not {@link #spliceable}.
   */
  public byte[] withResourceVersion(long revision) {
    if (!spliceable()) {
      return null;
    }
    byte[] field =
        ((metadataEmpty ? "" : ",") + "\"resourceVersion\":\"" + revision + "\"")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[json.length + field.length];
    System.arraycopy(json, 0, out, 0, metadataEnd);
    System.arraycopy(field, 0, out, metadataEnd, field.length);
    System.arraycopy(json, metadataEnd, out, metadataEnd + field.length, json.length - metadataEnd);
    return out;
  }
}
