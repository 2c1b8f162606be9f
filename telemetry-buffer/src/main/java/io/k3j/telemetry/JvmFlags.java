package io.k3j.telemetry;

import java.util.ArrayList;
import java.util.List;

/**
 * Chronicle Queue needs JDK internals on Java 17+ and fails deep inside its start-up without them
 * (Chronicle-Queue#1105). The two hard requirements are checked up front so a missing flag is
 * reported as the flag to add.
 */
final class JvmFlags {
  /** {package, "opens" or "exports"} that Chronicle cannot start without. */
  private static final String[][] REQUIRED = {
    {"java.lang.reflect", "opens"}, {"sun.nio.ch", "exports"},
  };

  private JvmFlags() {}

  static List<String> missing(Module javaBase, Module ours) {
    List<String> flags = new ArrayList<>();
    for (String[] requirement : REQUIRED) {
      String pkg = requirement[0];
      boolean granted =
          requirement[1].equals("opens")
              ? javaBase.isOpen(pkg, ours)
              : javaBase.isExported(pkg, ours);
      if (!granted) {
        flags.add("--add-" + requirement[1] + "=java.base/" + pkg + "=ALL-UNNAMED");
      }
    }
    return flags;
  }

  static List<String> missing() {
    return missing(Object.class.getModule(), JvmFlags.class.getModule());
  }
}
