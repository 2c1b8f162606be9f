package io.k3j.telemetry.internal.queue;

import io.k3j.telemetry.internal.otlp.Signal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Layout of one queue document: version byte, signal byte, flags byte, append time (8), item count
 * (4), payload length (4), CRC32C of the payload (4), then either the payload or, with the {@code
 * payload file} flag, the offset (8) of the payload in the cycle's {@link PayloadFiles payload
 * file}. The checksum turns a record torn by power loss into a detectable, skippable one instead of
 * garbage sent upstream, wherever its payload lies.
 */
final class RecordCodec {
  static final int VERSION = 1;
  static final int HEADER_BYTES = 1 + 1 + 1 + 8 + 4 + 4 + 4;
  private static final int FLAG_JSON = 1;
  private static final int FLAG_PAYLOAD_FILE = 2;

  private RecordCodec() {}

  /** A record with its payload in the document. */
  static void write(Bytes<?> out, QueueRecord record) {
    writeHeader(out, record, 0);
    out.write(record.payload());
  }

  /** A record whose payload was written at {@code offset} of the cycle's payload file. */
  static void writeReference(Bytes<?> out, QueueRecord record, long offset) {
    writeHeader(out, record, FLAG_PAYLOAD_FILE);
    out.writeLong(offset);
  }

  private static void writeHeader(Bytes<?> out, QueueRecord record, int flags) {
    out.writeByte((byte) VERSION);
    out.writeByte((byte) record.signal().code());
    out.writeByte((byte) ((record.fromJson() ? FLAG_JSON : 0) | flags));
    out.writeLong(record.appendedAtMillis());
    out.writeInt(record.items());
    out.writeInt(record.payload().length);
    out.writeInt(checksum(record.payload()));
  }

  /**
   * The fixed part of a record: enough to count what a file holds without reading payloads. {@code
   * payloadOffset} is the payload's offset in the payload file, or -1 when it follows the header.
   */
  record Header(
      Signal signal,
      boolean fromJson,
      long appendedAt,
      int items,
      int length,
      int crc,
      long payloadOffset) {}

  /** Decodes the header only (no checksum), or returns {@code null} when it is not readable. */
  static Header readHeader(Bytes<?> in) {
    if (in.readRemaining() < HEADER_BYTES || in.readByte() != VERSION) {
      return null;
    }
    int signalCode = in.readByte();
    int flags = in.readByte();
    long appendedAt = in.readLong();
    int items = in.readInt();
    int length = in.readInt();
    int crc = in.readInt();
    long offset = -1;
    if ((flags & FLAG_PAYLOAD_FILE) != 0) {
      if (in.readRemaining() != Long.BYTES) {
        return null;
      }
      offset = in.readLong();
    }
    return signalCode < 1 || signalCode > 3 || items < 0 || length < 0 || offset < -1
        ? null
        : new Header(
            Signal.fromCode(signalCode),
            (flags & FLAG_JSON) != 0,
            appendedAt,
            items,
            length,
            crc,
            offset);
  }

  /**
   * {@link #readHeader}, and {@code null} also for a record written inline whose payload is not all
   * there (torn): checked before anything is allocated, as a torn record's length may be anything.
   * What {@link #readPayload} is given.
   */
  static Header readWholeHeader(Bytes<?> in) {
    Header header = readHeader(in);
    return header == null || (header.payloadOffset() < 0 && header.length() != in.readRemaining())
        ? null
        : header;
  }

  /**
   * Decodes the record of a document of cycle file {@code file}, or returns {@code null} when it is
   * torn or corrupt (also when its payload file ends before the payload). Payloads of {@link
   * DurableQueue#MIN_PAYLOAD_FILE_BYTES} or more are read with {@code reader}: from the payload
   * file, or, for records written inline by earlier versions, from the cycle file at the offset the
   * document holds them ({@code MappedBytes} positions are file offsets). Either way only the
   * header's page is touched through the mapping.
   */
  static QueueRecord read(Bytes<?> in, PayloadReader reader, Path file) throws IOException {
    Header header = readWholeHeader(in);
    if (header == null) {
      return null;
    }
    byte[] payload = new byte[header.length()];
    if (!readPayload(in, header, reader, file, payload, 0)) {
      return null;
    }
    return new QueueRecord(
        header.signal(), header.fromJson(), header.appendedAt(), header.items(), payload);
  }

  /**
   * Reads the payload of the record whose {@code header} was just read from {@code in} ({@link
   * #readWholeHeader}) into {@code dest} from {@code destOffset} on, as {@link #read} does; {@code
   * false} when it is torn or corrupt ({@code dest} may then hold part of it).
   */
  static boolean readPayload(
      Bytes<?> in, Header header, PayloadReader reader, Path file, byte[] dest, int destOffset)
      throws IOException {
    int length = header.length();
    boolean complete;
    if (header.payloadOffset() >= 0) {
      complete =
          reader.readInto(PayloadFiles.of(file), header.payloadOffset(), length, dest, destOffset);
    } else if (length >= DurableQueue.MIN_PAYLOAD_FILE_BYTES) {
      complete = reader.readInto(file, in.readPosition(), length, dest, destOffset);
    } else {
      in.read(dest, destOffset, length);
      complete = true;
    }
    return complete && checksum(dest, destOffset, length) == header.crc();
  }

  private static int checksum(byte[] payload) {
    return checksum(payload, 0, payload.length);
  }

  private static int checksum(byte[] payload, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(payload, offset, length);
    return (int) crc.getValue();
  }
}
