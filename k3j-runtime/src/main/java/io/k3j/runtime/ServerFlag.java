package io.k3j.runtime;

/**
 * One flag of {@code k3j server}; its long name is also its key in the config file.
 *
 * @param name the long name without {@code --}
 * @param shortName the one-letter alias without {@code -}, or null
 * @param kind what values it takes
 * @param label what the value is, in the help ({@code PORT}, {@code FILE})
 * @param description what it does, for the help
 * @param defaultValue its value when nothing sets it, or null
 * @param environment the environment variable that sets it (k3s's name with K3J), or null
 */
record ServerFlag(
    String name,
    String shortName,
    Kind kind,
    String label,
    String description,
    String defaultValue,
    String environment) {

  /** What values a flag takes. */
  enum Kind {
    /** One value. */
    TEXT,
    /** One whole number; the command line checks it before anything else. */
    NUMBER,
    /** {@code true} or {@code false}; alone on the command line it means true. */
    BOOLEAN,
    /** Repeatable; each value may also hold several, comma-separated. */
    LIST
  }

  static ServerFlag of(String name, Kind kind, String label, String description) {
    return new ServerFlag(name, null, kind, label, description, null, null);
  }

  ServerFlag alias(String letter) {
    return new ServerFlag(name, letter, kind, label, description, defaultValue, environment);
  }

  ServerFlag defaultValue(Object value) {
    return new ServerFlag(
        name, shortName, kind, label, description, String.valueOf(value), environment);
  }

  ServerFlag environment(String variable) {
    return new ServerFlag(name, shortName, kind, label, description, defaultValue, variable);
  }
}
