package io.k3j.telemetry;

/** When a received request is acknowledged to its sender. */
public enum Durability {
  /**
   * After the record is on stable storage (fsync); concurrent requests share one sync (group
   * commit). Survives power loss.
   */
  DISK("disk"),
  /**
   * After the record is in the memory-mapped queue file. Survives a crash of the process, not of
   * the machine.
   */
  PROCESS("process");

  private final String configName;

  Durability(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public static Durability parse(String text) {
    for (Durability durability : values()) {
      if (durability.configName.equals(text)) {
        return durability;
      }
    }
    throw new IllegalArgumentException("expected disk or process, got '" + text + "'");
  }
}
