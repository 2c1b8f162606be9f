package io.k3j.telemetry.internal.forward;

import io.k3j.telemetry.internal.otlp.InvalidOtlpException;
import io.k3j.telemetry.internal.otlp.OtlpWire;
import io.k3j.telemetry.internal.otlp.RequestSplitter;
import java.util.ArrayList;
import java.util.List;

/** Halves a request: by records when it holds several, else by decoding and splitting items. */
final class PartSplitter {
  private PartSplitter() {}

  /** Two smaller parts, or an empty list when the part is a single item. */
  static List<Part> halves(Part part) {
    List<Payload> payloads = part.payloads();
    try {
      if (payloads.size() > 1) {
        int middle = payloads.size() / 2;
        return List.of(
            withItems(part, payloads.subList(0, middle)),
            withItems(part, payloads.subList(middle, payloads.size())));
      }
      List<Part> result = new ArrayList<>();
      for (byte[] half : RequestSplitter.split(part.signal(), payloads.get(0).toArray())) {
        result.add(withItems(part, List.of(Payload.of(half))));
      }
      return result;
    } catch (InvalidOtlpException e) {
      return List.of();
    }
  }

  /** Splits until every part is at most {@code maxBytes} or cannot be split further. */
  static List<Part> toFit(Part part, int maxBytes) {
    if (part.size() <= maxBytes) {
      return List.of(part);
    }
    List<Part> halves = halves(part);
    if (halves.isEmpty()) {
      return List.of(part);
    }
    List<Part> result = new ArrayList<>();
    halves.forEach(half -> result.addAll(toFit(half, maxBytes)));
    return result;
  }

  private static Part withItems(Part original, List<Payload> payloads) throws InvalidOtlpException {
    long items = 0;
    for (Payload payload : payloads) {
      items +=
          OtlpWire.countItems(
              original.signal(), payload.array(), payload.offset(), payload.length());
    }
    return new Part(original.signal(), List.copyOf(payloads), items);
  }
}
