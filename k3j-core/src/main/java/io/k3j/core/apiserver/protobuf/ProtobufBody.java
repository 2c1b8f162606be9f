package io.k3j.core.apiserver.protobuf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.k3j.core.apiserver.ApiException;

/**
 * Request bodies in Kubernetes' protobuf encoding ({@value #MEDIA_TYPE}), decoded to the JSON tree
 * the same object sent as JSON gives. kubectl's typed commands ({@code kubectl create namespace},
 * {@code create deployment}, ...) and Go controllers send built-in kinds this way.
 *
 * <p>The wire format is the one in the Kubernetes "API Concepts" page, section "Protobuf encoding"
 * (kubernetes.io/docs/reference/using-api/api-concepts/#protobuf-encoding): the magic {@code
 * k8s\0}, then a {@code runtime.Unknown} that names the kind and carries the object's bytes.
 */
public final class ProtobufBody {
  /** The request Content-Type of a protobuf body. */
  public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

  private ProtobufBody() {}

  /** Whether a request Content-Type (parameters allowed) names the protobuf encoding. */
  public static boolean isProtobuf(String contentType) {
    return contentType != null && contentType.split(";", 2)[0].trim().equalsIgnoreCase(MEDIA_TYPE);
  }

  /**
   * Decodes one enveloped object to its JSON form, with {@code apiVersion} and {@code kind} from
   * the envelope.
   *
   * @throws ApiException 400 for a body that is not a well-formed envelope or object, 415 for a
   *     kind or content encoding this server has no protobuf schema for
   */
  public static ObjectNode decode(byte[] body) {
    Envelope envelope = Envelope.parse(body);
    Descriptor type = KindIndex.builtin().find(envelope.apiVersion(), envelope.kind());
    DynamicMessage message;
    try {
      message = DynamicMessage.parseFrom(type, envelope.raw());
    } catch (InvalidProtocolBufferException e) {
      throw ApiException.badRequest(
          "the protobuf body is not a valid "
              + envelope.apiVersion()
              + " "
              + envelope.kind()
              + ": "
              + e.getMessage());
    }
    ObjectNode object = MessageJson.OBJECTS.objectNode();
    object.put("apiVersion", envelope.apiVersion()).put("kind", envelope.kind());
    object.setAll(MessageJson.object(message));
    return object;
  }

  /**
   * Decodes a protobuf {@code DeleteOptions} body (client-go sends one with every DELETE, e.g. Helm
   * purging its release Secrets), whatever group version its envelope names.
   *
   * @throws ApiException 400 for a body that is not a well-formed envelope or DeleteOptions
   */
  public static ObjectNode decodeDeleteOptions(byte[] body) {
    Envelope envelope = Envelope.parse(body);
    if (!envelope.kind().isEmpty() && !envelope.kind().equals("DeleteOptions")) {
      throw ApiException.badRequest(
          "decoded object of kind " + envelope.kind() + " cannot be converted to DeleteOptions");
    }
    DynamicMessage message;
    try {
      message =
          DynamicMessage.parseFrom(
              io.kubernetes.client.proto.Meta.DeleteOptions.getDescriptor(), envelope.raw());
    } catch (InvalidProtocolBufferException e) {
      throw ApiException.badRequest(
          "the protobuf body is not a valid DeleteOptions: " + e.getMessage());
    }
    ObjectNode object = MessageJson.OBJECTS.objectNode();
    object.put("kind", "DeleteOptions");
    object.setAll(MessageJson.object(message));
    return object;
  }
}
