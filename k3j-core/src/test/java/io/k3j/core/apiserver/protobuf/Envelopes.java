package io.k3j.core.apiserver.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.kubernetes.client.proto.Runtime.TypeMeta;
import io.kubernetes.client.proto.Runtime.Unknown;
import java.io.ByteArrayOutputStream;

/** Builds protobuf request bodies the way client-go does: magic, then a runtime.Unknown. */
final class Envelopes {
  private Envelopes() {}

  static byte[] wrap(String apiVersion, String kind, MessageLite object) {
    return wrap(
        Unknown.newBuilder()
            .setTypeMeta(TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
            .setRaw(object.toByteString())
            .setContentEncoding("")
            .setContentType("")
            .build());
  }

  static byte[] wrap(Unknown unknown) {
    return withMagic(unknown.toByteString());
  }

  static byte[] withMagic(ByteString message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'k', '8', 's', 0});
    out.writeBytes(message.toByteArray());
    return out.toByteArray();
  }
}
