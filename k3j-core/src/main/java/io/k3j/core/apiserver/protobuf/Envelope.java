package io.k3j.core.apiserver.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.k3j.core.apiserver.ApiException;
import io.kubernetes.client.proto.Runtime.Unknown;

/**
 * The protobuf envelope: the magic {@code k8s\0} followed by a {@code runtime.Unknown} whose type
 * meta names the object and whose {@code raw} holds the object's own message.
 */
record Envelope(String apiVersion, String kind, ByteString raw) {
  private static final byte[] MAGIC = {'k', '8', 's', 0};

  static boolean hasMagic(byte[] bytes) {
    if (bytes == null || bytes.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  static Envelope parse(byte[] body) {
    if (!hasMagic(body)) {
      throw ApiException.badRequest(
          "the protobuf body does not start with the Kubernetes magic bytes \"k8s\\x00\"");
    }
    Unknown unknown;
    try {
      unknown =
          Unknown.parseFrom(ByteString.copyFrom(body, MAGIC.length, body.length - MAGIC.length));
    } catch (InvalidProtocolBufferException e) {
      throw ApiException.badRequest("the protobuf envelope cannot be decoded: " + e.getMessage());
    }
    String apiVersion = unknown.getTypeMeta().getApiVersion();
    String kind = unknown.getTypeMeta().getKind();
    if (apiVersion.isEmpty() || kind.isEmpty()) {
      throw ApiException.badRequest(
          "the protobuf envelope does not name the object's apiVersion and kind");
    }
    if (!unknown.getContentEncoding().isEmpty()) {
      throw new ApiException(
          415,
          "UnsupportedMediaType",
          "the protobuf envelope uses content encoding \""
              + unknown.getContentEncoding()
              + "\"; only unencoded objects are accepted");
    }
    String contentType = unknown.getContentType();
    if (!contentType.isEmpty() && !ProtobufBody.isProtobuf(contentType)) {
      throw new ApiException(
          415,
          "UnsupportedMediaType",
          "the protobuf envelope holds an object of content type \"" + contentType + "\"");
    }
    return new Envelope(apiVersion, kind, unknown.getRaw());
  }
}
