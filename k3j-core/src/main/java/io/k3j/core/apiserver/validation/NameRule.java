package io.k3j.core.apiserver.validation;

import java.util.List;
import java.util.function.Function;

/** How a kind's {@code metadata.name} is checked upstream. */
enum NameRule {
  DNS1123_SUBDOMAIN(Names::dns1123Subdomain),
  DNS1123_LABEL(Names::dns1123Label),
  DNS1035_LABEL(Names::dns1035Label),
  PATH_SEGMENT(Names::pathSegment);

  private final Function<String, List<String>> check;

  NameRule(Function<String, List<String>> check) {
    this.check = check;
  }

  /**
   * The messages for a name, or for a generateName prefix when {@code prefix} (upstream masks a
   * trailing dash before checking a prefix, and checks only forbidden characters of path segments).
   */
  List<String> check(String name, boolean prefix) {
    if (!prefix) {
      return check.apply(name);
    }
    if (this == PATH_SEGMENT) {
      return Names.pathSegmentPrefix(name);
    }
    String masked =
        name.length() > 1 && name.endsWith("-") ? name.substring(0, name.length() - 2) + "a" : name;
    return check.apply(masked);
  }
}
