package io.k3j.telemetry.internal.queue;

import io.k3j.telemetry.internal.otlp.Signal;
import net.openhft.chronicle.bytes.Bytes;

/** Writes records the way a power cut can leave them: a header promising more than is there. */
final class TornRecords {
  private TornRecords() {}

  static void writeTorn(Bytes<?> out) {
    out.writeByte((byte) RecordCodec.VERSION);
    out.writeByte((byte) Signal.LOGS.code());
    out.writeByte((byte) 0);
    out.writeLong(1);
    out.writeInt(1);
    out.writeInt(1000);
    out.writeInt(0);
    out.write(new byte[10]);
  }
}
