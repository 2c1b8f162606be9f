package io.k3j.telemetry.internal.otlp;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a binary OTLP export request and counts its spans, data points or log records by
 * walking the protobuf wire format (tags, lengths, varints;
 * https://protobuf.dev/programming-guides/encoding/) instead of building the messages. It accepts
 * what protobuf-java's {@code parseFrom} accepts and refuses what it refuses: a truncated or
 * over-long field, a malformed varint, a zero field number, wire types 6 and 7, an end-group tag
 * without its start group, invalid UTF-8 in a {@code string} field (proto3 checks it), a packed
 * field whose length is not whole elements, and more than 100 nested messages or groups
 * (protobuf-java's default recursion limit). Every known message field is descended into, so a
 * malformed attribute deep in a span is refused like before; a field whose wire type differs from
 * its declaration is an unknown field, as for protobuf-java. The walk is driven by the generated
 * messages' descriptors, so it follows the OTLP version on the class path.
 *
 * <p>Items are counted as {@link OtlpRequests#countItems} counts them on the parsed message: a
 * repeated field is the sum of its occurrences, a singular message given twice is merged, and of a
 * metric's {@code data} oneof the last member given counts, with every occurrence of that member
 * merged (protobuf-java keeps a member's builder when another member comes in between).
 */
public final class OtlpWire {
  /** protobuf-java's {@code CodedInputStream} default recursion limit. */
  static final int RECURSION_LIMIT = 100;

  private static final int VARINT = 0;
  private static final int I64 = 1;
  private static final int LEN = 2;
  private static final int SGROUP = 3;
  private static final int EGROUP = 4;
  private static final int I32 = 5;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final Node TRACES;
  private static final Node METRICS;
  private static final Node LOGS;

  static {
    Set<FieldDescriptor> items =
        Set.of(
            field(ScopeSpans.getDescriptor(), ScopeSpans.SPANS_FIELD_NUMBER),
            field(ScopeLogs.getDescriptor(), ScopeLogs.LOG_RECORDS_FIELD_NUMBER),
            field(Gauge.getDescriptor(), Gauge.DATA_POINTS_FIELD_NUMBER),
            field(Sum.getDescriptor(), Sum.DATA_POINTS_FIELD_NUMBER),
            field(Histogram.getDescriptor(), Histogram.DATA_POINTS_FIELD_NUMBER),
            field(
                ExponentialHistogram.getDescriptor(),
                ExponentialHistogram.DATA_POINTS_FIELD_NUMBER),
            field(Summary.getDescriptor(), Summary.DATA_POINTS_FIELD_NUMBER));
    Map<Descriptor, Node> nodes = new HashMap<>();
    TRACES = Node.of(ExportTraceServiceRequest.getDescriptor(), items, nodes);
    METRICS = Node.of(ExportMetricsServiceRequest.getDescriptor(), items, nodes);
    LOGS = Node.of(ExportLogsServiceRequest.getDescriptor(), items, nodes);
    for (Node node : nodes.values()) {
      for (Field f : node.fields) {
        if (f != null && f.kind == Field.MESSAGE) {
          f.countingOneof =
              f.descriptor.getRealContainingOneof() != null
                  && (f.item || f.child.holdsItems(new HashSet<>()));
        }
      }
    }
  }

  private final byte[] buf;
  private int pos;

  private OtlpWire(byte[] buf, int pos) {
    this.buf = buf;
    this.pos = pos;
  }

  /** Validates {@code body} as the signal's Export*ServiceRequest and returns its item count. */
  public static long countItems(Signal signal, byte[] body) throws InvalidOtlpException {
    return countItems(signal, body, 0, body.length);
  }

  /** The same for {@code length} bytes of {@code body} from {@code offset}. */
  public static long countItems(Signal signal, byte[] body, int offset, int length)
      throws InvalidOtlpException {
    Node root =
        switch (signal) {
          case TRACES -> TRACES;
          case METRICS -> METRICS;
          case LOGS -> LOGS;
        };
    try {
      return new OtlpWire(body, offset).message(root, offset + length, 0);
    } catch (Malformed e) {
      throw new InvalidOtlpException(
          "invalid OTLP protobuf: " + e.getMessage() + " at byte " + e.at, null);
    }
  }

  private long message(Node node, int end, int depth) {
    long total = 0;
    int oneofField = 0;
    long[] oneofItems = null;
    while (pos < end) {
      // tags of fields 1-15 are one byte: read them here, the buffer runs C1, which would not
      // inline varint()
      byte first = buf[pos];
      int tag;
      if (first >= 0) {
        tag = first;
        pos++;
      } else {
        tag = (int) varint(end);
      }
      int number = tag >>> 3;
      int wireType = tag & 7;
      if (number == 0) {
        throw malformed("field number zero");
      }
      Field field = number < node.fields.length ? node.fields[number] : null;
      if (field == null) {
        skipUnknown(number, wireType, end, depth);
      } else if (wireType == field.wireType) {
        switch (field.kind) {
          case Field.MESSAGE -> {
            int childEnd = lengthDelimited(end);
            if (depth >= RECURSION_LIMIT) {
              throw malformed("more than " + RECURSION_LIMIT + " nested messages");
            }
            long items = message(field.child, childEnd, depth + 1) + (field.item ? 1 : 0);
            if (field.countingOneof) {
              oneofField = number;
              if (oneofItems == null) {
                oneofItems = new long[node.fields.length];
              }
              oneofItems[number] += items;
            } else {
              total += items;
            }
          }
          case Field.STRING -> {
            int stringEnd = lengthDelimited(end);
            checkUtf8(stringEnd);
            pos = stringEnd;
          }
          case Field.VARINT64 -> varint64(end);
          default -> skipUnknown(number, wireType, end, depth);
        }
      } else if (wireType == LEN && field.packedElement >= 0) {
        packed(field, lengthDelimited(end));
      } else {
        skipUnknown(number, wireType, end, depth);
      }
    }
    return oneofItems == null ? total : total + oneofItems[oneofField];
  }

  private void skipUnknown(int number, int wireType, int end, int depth) {
    switch (wireType) {
      case VARINT -> varint(end);
      case I64 -> skip(8, end);
      case LEN -> pos = lengthDelimited(end);
      case I32 -> skip(4, end);
      case SGROUP -> {
        if (depth >= RECURSION_LIMIT) {
          throw malformed("more than " + RECURSION_LIMIT + " nested messages");
        }
        while (true) {
          if (pos >= end) {
            throw malformed("group " + number + " without its end");
          }
          int tag = (int) varint(end);
          if ((tag >>> 3) == 0) {
            throw malformed("field number zero");
          }
          if ((tag & 7) == EGROUP) {
            if ((tag >>> 3) != number) {
              throw malformed("end-group tag did not match its start");
            }
            return;
          }
          skipUnknown(tag >>> 3, tag & 7, end, depth + 1);
        }
      }
      case EGROUP -> throw malformed("end-group tag without a start");
      default -> throw malformed("invalid wire type " + wireType);
    }
  }

  /** Elements of a packed repeated field: varints, or fixed-size values filling it exactly. */
  private void packed(Field field, int end) {
    int elementBytes = field.packedElement;
    if (elementBytes == 0) {
      while (pos < end) {
        if (field.kind == Field.VARINT64) {
          varint64(end);
        } else {
          varint(end);
        }
      }
    } else if ((end - pos) % elementBytes != 0) {
      throw malformed("packed field is not whole elements");
    }
    pos = end;
  }

  /** Reads a length prefix and returns where the field ends. */
  private int lengthDelimited(int end) {
    int length;
    if (pos < end && buf[pos] >= 0) {
      length = buf[pos++]; // shorter than 128 bytes: one byte
    } else {
      length = (int) varint(end);
    }
    if (length < 0) {
      throw malformed("negative length");
    }
    if (length > end - pos) {
      throw malformed("length beyond the end of the message");
    }
    return pos + length;
  }

  private void skip(int bytes, int end) {
    if (end - pos < bytes) {
      throw malformed("truncated fixed-size field");
    }
    pos += bytes;
  }

  /**
   * A varint read into a 64-bit field. protobuf-java's fast path (taken when ten bytes are left in
   * the message) also accepts a tenth byte that still has its continuation bit when its lowest bit
   * is set; it is accepted here too, so that exactly the same requests are refused.
   */
  private void varint64(int end) {
    int start = pos;
    if (end - start >= 10 && buf[start + 9] < 0 && (buf[start + 9] & 1) == 1) {
      boolean continued = true;
      for (int i = start; i < start + 9; i++) {
        continued &= buf[i] < 0;
      }
      if (continued) {
        pos = start + 10;
        return;
      }
    }
    varint(end);
  }

  /** At most ten bytes, as protobuf-java reads them; the caller keeps the bits it needs. */
  private long varint(int end) {
    long value = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      if (pos >= end) {
        throw malformed("truncated varint");
      }
      byte b = buf[pos++];
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw malformed("malformed varint");
  }

  /**
   * Well-formed UTF-8 (Unicode 15, table 3-7): no overlong forms, surrogates or beyond U+10FFFF.
   */
  private void checkUtf8(int end) {
    int i = pos;
    while (i < end) {
      // eight ASCII bytes at a time: the common case of keys and values
      while (end - i >= 8 && ((long) LONGS.get(buf, i) & 0x8080808080808080L) == 0) {
        i += 8;
      }
      if (i == end) {
        break;
      }
      int b = buf[i];
      if (b >= 0) {
        i++;
        continue;
      }
      b &= 0xff;
      int continuation;
      int min = 0x80;
      int max = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) {
        continuation = 1;
      } else if (b >= 0xe0 && b <= 0xef) {
        continuation = 2;
        if (b == 0xe0) {
          min = 0xa0;
        } else if (b == 0xed) {
          max = 0x9f;
        }
      } else if (b >= 0xf0 && b <= 0xf4) {
        continuation = 3;
        if (b == 0xf0) {
          min = 0x90;
        } else if (b == 0xf4) {
          max = 0x8f;
        }
      } else {
        throw malformedAt(i, "invalid UTF-8 in a string field");
      }
      if (end - i <= continuation) {
        throw malformedAt(i, "invalid UTF-8 in a string field");
      }
      int second = buf[i + 1] & 0xff;
      if (second < min || second > max) {
        throw malformedAt(i, "invalid UTF-8 in a string field");
      }
      for (int k = 2; k <= continuation; k++) {
        if ((buf[i + k] & 0xc0) != 0x80) {
          throw malformedAt(i, "invalid UTF-8 in a string field");
        }
      }
      i += continuation + 1;
    }
  }

  private Malformed malformed(String message) {
    return malformedAt(pos, message);
  }

  private static Malformed malformedAt(int at, String message) {
    return new Malformed(message, at);
  }

  private static FieldDescriptor field(Descriptor message, int number) {
    return message.findFieldByNumber(number);
  }

  /** Thrown inside the walk; cheap (no stack trace), turned into an InvalidOtlpException. */
  private static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int at;

    Malformed(String message, int at) {
      super(message, null, false, false);
      this.at = at;
    }
  }

  /** One message type: its known fields by number. */
  private static final class Node {
    Field[] fields;

    static Node of(Descriptor type, Set<FieldDescriptor> items, Map<Descriptor, Node> nodes) {
      Node existing = nodes.get(type);
      if (existing != null) {
        return existing;
      }
      Node node = new Node();
      nodes.put(type, node);
      List<FieldDescriptor> declared = type.getFields();
      int max = declared.stream().mapToInt(FieldDescriptor::getNumber).max().orElse(0);
      node.fields = new Field[max + 1];
      for (FieldDescriptor f : declared) {
        node.fields[f.getNumber()] = Field.of(f, items, nodes);
      }
      return node;
    }

    /** Whether items can occur below this type. */
    boolean holdsItems(Set<Node> visiting) {
      if (!visiting.add(this)) {
        return false;
      }
      for (Field f : fields) {
        if (f != null && f.kind == Field.MESSAGE && (f.item || f.child.holdsItems(visiting))) {
          return true;
        }
      }
      return false;
    }
  }

  /** A declared field: the wire type it is parsed with and what is checked inside. */
  private static final class Field {
    static final int OTHER = 0;
    static final int MESSAGE = 1;
    static final int STRING = 2;
    static final int VARINT64 = 3;

    final FieldDescriptor descriptor;
    final int wireType;
    final int kind;
    final Node child;
    final boolean item;

    /** Bytes per element when the field may come packed (0: varints), -1 when it may not. */
    final int packedElement;

    boolean countingOneof;

    private Field(
        FieldDescriptor descriptor,
        int wireType,
        int kind,
        Node child,
        boolean item,
        int packedElement) {
      this.descriptor = descriptor;
      this.wireType = wireType;
      this.kind = kind;
      this.child = child;
      this.item = item;
      this.packedElement = packedElement;
    }

    static Field of(FieldDescriptor f, Set<FieldDescriptor> items, Map<Descriptor, Node> nodes) {
      return switch (f.getType()) {
        case MESSAGE ->
            new Field(
                f, LEN, MESSAGE, Node.of(f.getMessageType(), items, nodes), items.contains(f), -1);
        case STRING -> new Field(f, LEN, STRING, null, false, -1);
        case BYTES -> new Field(f, LEN, OTHER, null, false, -1);
        case GROUP -> throw new IllegalStateException("groups are not used by OTLP: " + f);
        default -> {
          int wireType = scalarWireType(f.getType());
          int element = wireType == VARINT ? 0 : wireType == I64 ? 8 : 4;
          int kind =
              switch (f.getType()) {
                case INT64, UINT64, SINT64, BOOL -> VARINT64;
                default -> OTHER;
              };
          yield new Field(f, wireType, kind, null, false, f.isRepeated() ? element : -1);
        }
      };
    }

    private static int scalarWireType(FieldDescriptor.Type type) {
      return switch (type) {
        case DOUBLE, FIXED64, SFIXED64 -> I64;
        case FLOAT, FIXED32, SFIXED32 -> I32;
        default -> VARINT;
      };
    }
  }
}
