package io.k3j.telemetry.internal.forward;

import io.k3j.telemetry.internal.otlp.Signal;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * One upstream request: the payloads of consecutive queue records of one signal. Concatenated
 * Export*ServiceRequest messages form one valid request (protobuf merges repeated fields by
 * concatenation), so records are batched without decoding them.
 */
record Part(Signal signal, List<Payload> payloads, long items) {

  /** The request in one array, valid while its batch is ({@link Payload#toArray()}). */
  byte[] body() {
    if (payloads.size() == 1) {
      return payloads.get(0).toArray();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size());
    payloads.forEach(p -> out.write(p.array(), p.offset(), p.length()));
    return out.toByteArray();
  }

  int size() {
    return payloads.stream().mapToInt(Payload::length).sum();
  }
}
