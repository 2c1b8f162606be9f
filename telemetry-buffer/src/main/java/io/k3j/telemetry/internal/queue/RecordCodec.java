package io.k3j.telemetry.internal.queue;

import io.k3j.telemetry.internal.otlp.Signal;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Layout of one queue document: version byte, signal byte, flags byte, append time (8), item count
 * (4), payload length (4), CRC32C of the payload (4), payload. The checksum turns a record torn by
 * power loss into a detectable, skippable one instead of garbage sent upstream.
 */
final class RecordCodec {
  static final int VERSION = 1;
  static final int HEADER_BYTES = 1 + 1 + 1 + 8 + 4 + 4 + 4;
  private static final int FLAG_JSON = 1;

  private RecordCodec() {}

  static void write(Bytes<?> out, QueueRecord record) {
    writeHeader(out, record);
    out.write(record.payload());
  }

  /** Everything before the payload, which the caller writes right after it. */
  static void writeHeader(Bytes<?> out, QueueRecord record) {
    out.writeByte((byte) VERSION);
    out.writeByte((byte) record.signal().code());
    out.writeByte((byte) (record.fromJson() ? FLAG_JSON : 0));
    out.writeLong(record.appendedAtMillis());
    out.writeInt(record.items());
    out.writeInt(record.payload().length);
    out.writeInt(checksum(record.payload()));
  }

  /** The fixed part of a record: enough to count what a file holds without reading payloads. */
  record Header(Signal signal, int items, int length) {}

  /** Decodes the header only (no checksum), or returns {@code null} when it is not readable. */
  static Header readHeader(Bytes<?> in) {
    if (in.readRemaining() < HEADER_BYTES || in.readByte() != VERSION) {
      return null;
    }
    int signalCode = in.readByte();
    in.readSkip(1 + 8);
    int items = in.readInt();
    int length = in.readInt();
    return signalCode < 1 || signalCode > 3 || items < 0 || length < 0
        ? null
        : new Header(Signal.fromCode(signalCode), items, length);
  }

  /** Decodes a record, or returns {@code null} when it is torn or corrupt. */
  static QueueRecord read(Bytes<?> in) {
    if (in.readRemaining() < HEADER_BYTES || in.readByte() != VERSION) {
      return null;
    }
    int signalCode = in.readByte();
    int flags = in.readByte();
    long appendedAt = in.readLong();
    int items = in.readInt();
    int length = in.readInt();
    int crc = in.readInt();
    if (length < 0 || length != in.readRemaining() || signalCode < 1 || signalCode > 3) {
      return null;
    }
    byte[] payload = new byte[length];
    in.read(payload);
    if (checksum(payload) != crc) {
      return null;
    }
    return new QueueRecord(
        Signal.fromCode(signalCode), (flags & FLAG_JSON) != 0, appendedAt, items, payload);
  }

  private static int checksum(byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(payload);
    return (int) crc.getValue();
  }
}
