package io.k3j.registry.internal.http;

import io.netty.buffer.ByteBuf;
import java.io.IOException;

/** Where the bytes of a request body go while they arrive. */
public interface BodySink {
  BodySink DISCARD = content -> {};

  void accept(ByteBuf content) throws IOException;
}
