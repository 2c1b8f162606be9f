package io.k3j.telemetry.internal.otlp;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.List;

/**
 * Splits an export request into two smaller ones, for destinations that answer 413 or have a
 * smaller size limit. Splits the first level that has more than one element: resources, then
 * scopes, then items (spans, metrics, log records). Each level of an OTLP request has exactly one
 * repeated message field, which makes the walk generic. Concatenating the halves gives back the
 * original items (protobuf merges repeated fields by concatenation).
 */
public final class RequestSplitter {
  private static final int ITEM_LEVEL = 2;

  private RequestSplitter() {}

  /** Two halves, or an empty list when the request holds a single item. */
  public static List<byte[]> split(Signal signal, byte[] request) throws InvalidOtlpException {
    Message message = OtlpRequests.parseProtobuf(signal, request);
    List<Message> halves = split(message, 0);
    return halves.stream().map(Message::toByteArray).toList();
  }

  private static List<Message> split(Message message, int level) {
    FieldDescriptor field = repeatedMessageField(message);
    int count = message.getRepeatedFieldCount(field);
    if (count >= 2) {
      int middle = count / 2;
      return List.of(slice(message, field, 0, middle), slice(message, field, middle, count));
    }
    if (count == 1 && level < ITEM_LEVEL) {
      Message only = (Message) message.getRepeatedField(field, 0);
      List<Message> inner = split(only, level + 1);
      return inner.stream()
          .map(part -> message.toBuilder().setRepeatedField(field, 0, part).build())
          .toList();
    }
    return List.of();
  }

  private static Message slice(Message message, FieldDescriptor field, int from, int to) {
    Message.Builder builder = message.toBuilder().clearField(field);
    for (int i = from; i < to; i++) {
      builder.addRepeatedField(field, message.getRepeatedField(field, i));
    }
    return builder.build();
  }

  private static FieldDescriptor repeatedMessageField(Message message) {
    for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
      if (field.isRepeated() && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        return field;
      }
    }
    throw new IllegalStateException("no repeated field in " + message.getDescriptorForType());
  }
}
