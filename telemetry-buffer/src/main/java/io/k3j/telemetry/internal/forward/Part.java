package io.k3j.telemetry.internal.forward;

import io.k3j.telemetry.internal.otlp.Signal;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * One upstream request: the payloads of consecutive queue records of one signal. Concatenated
 * Export*ServiceRequest messages form one valid request (protobuf merges repeated fields by
 * concatenation), so records are batched without decoding them.
 */
record Part(Signal signal, List<byte[]> payloads, long items) {

  byte[] body() {
    if (payloads.size() == 1) {
      return payloads.get(0);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size());
    payloads.forEach(out::writeBytes);
    return out.toByteArray();
  }

  int size() {
    return payloads.stream().mapToInt(p -> p.length).sum();
  }
}
