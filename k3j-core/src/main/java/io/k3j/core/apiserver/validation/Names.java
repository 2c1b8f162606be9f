package io.k3j.core.apiserver.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Upstream's string checks (k8s.io/apimachinery/pkg/util/validation): each returns the messages
 * upstream returns, empty when the value is valid.
 */
final class Names {
  private static final String LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String SUBDOMAIN_FMT = LABEL_FMT + "(\\." + LABEL_FMT + ")*";
  private static final String WILDCARD_FMT = "\\*\\." + SUBDOMAIN_FMT;
  private static final String DNS1035_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final String QUALIFIED_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_FMT + ")?";
  private static final String CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+";
  private static final String PERCENT_FMT = "[0-9]+%";
  private static final Pattern LABEL = Pattern.compile(LABEL_FMT);
  private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FMT);
  private static final Pattern WILDCARD = Pattern.compile(WILDCARD_FMT);
  private static final Pattern DNS1035 = Pattern.compile(DNS1035_FMT);
  private static final Pattern QUALIFIED = Pattern.compile(QUALIFIED_FMT);
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
  private static final Pattern CONFIG_KEY = Pattern.compile(CONFIG_KEY_FMT);
  private static final Pattern PERCENT = Pattern.compile(PERCENT_FMT);
  private static final Pattern PORT_NAME_CHARS = Pattern.compile("[-a-z0-9]+");
  private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");
  private static final String QUALIFIED_MSG =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
          + " alphanumeric character";

  private Names() {}

  static List<String> dns1123Label(String value) {
    List<String> errors = new ArrayList<>();
    if (bytes(value) > 63) {
      errors.add(maxLen(63));
    }
    if (!LABEL.matcher(value).matches()) {
      if (SUBDOMAIN.matcher(value).matches()) {
        errors.add("must not contain dots");
      } else {
        errors.add(
            regexError(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or"
                    + " '-', and must start and end with an alphanumeric character",
                LABEL_FMT,
                "my-name",
                "123-abc"));
      }
    }
    return errors;
  }

  static List<String> dns1123Subdomain(String value) {
    List<String> errors = new ArrayList<>();
    if (bytes(value) > 253) {
      errors.add(maxLen(253));
    }
    if (!SUBDOMAIN.matcher(value).matches()) {
      errors.add(
          regexError(
              "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters,"
                  + " '-' or '.', and must start and end with an alphanumeric character",
              SUBDOMAIN_FMT,
              "example.com"));
    }
    return errors;
  }

  static List<String> wildcardDns1123Subdomain(String value) {
    List<String> errors = new ArrayList<>();
    if (bytes(value) > 253) {
      errors.add(maxLen(253));
    }
    if (!WILDCARD.matcher(value).matches()) {
      errors.add(
          regexError(
              "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS"
                  + " subdomain, which must consist of lower case alphanumeric characters, '-' or"
                  + " '.' and end with an alphanumeric character",
              WILDCARD_FMT,
              "*.example.com"));
    }
    return errors;
  }

  static List<String> dns1035Label(String value) {
    List<String> errors = new ArrayList<>();
    if (bytes(value) > 63) {
      errors.add(maxLen(63));
    }
    if (!DNS1035.matcher(value).matches()) {
      errors.add(
          regexError(
              "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start"
                  + " with an alphabetic character, and end with an alphanumeric character",
              DNS1035_FMT,
              "my-name",
              "abc-123"));
    }
    return errors;
  }

  /** A label key, annotation key or finalizer: an optional DNS subdomain prefix and a name. */
  static List<String> qualifiedName(String value) {
    List<String> errors = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      name = parts[1];
      if (parts[0].isEmpty()) {
        errors.add("prefix part must be non-empty");
      } else {
        dns1123Subdomain(parts[0]).forEach(m -> errors.add("prefix part " + m));
      }
    } else {
      errors.add(
          "a qualified name "
              + regexError(QUALIFIED_MSG, QUALIFIED_FMT, "MyName", "my.name", "123-abc")
              + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errors;
    }
    if (name.isEmpty()) {
      errors.add("name part must be non-empty");
    } else if (bytes(name) > 63) {
      errors.add("name part " + maxLen(63));
    }
    if (!QUALIFIED.matcher(name).matches()) {
      errors.add(
          "name part " + regexError(QUALIFIED_MSG, QUALIFIED_FMT, "MyName", "my.name", "123-abc"));
    }
    return errors;
  }

  static List<String> labelValue(String value) {
    List<String> errors = new ArrayList<>();
    if (bytes(value) > 63) {
      errors.add(maxLen(63));
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      errors.add(
          regexError(
              "a valid label must be an empty string or consist of alphanumeric characters, '-',"
                  + " '_' or '.', and must start and end with an alphanumeric character",
              LABEL_VALUE_FMT,
              "MyValue",
              "my_value",
              "12345"));
    }
    return errors;
  }

  /** A ConfigMap or Secret data key. */
  static List<String> configKey(String value) {
    List<String> errors = new ArrayList<>();
    if (bytes(value) > 253) {
      errors.add(maxLen(253));
    }
    if (!CONFIG_KEY.matcher(value).matches()) {
      errors.add(
          regexError(
              "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
              CONFIG_KEY_FMT,
              "key.name",
              "KEY_NAME",
              "key-name"));
    }
    if (value.equals(".")) {
      errors.add("must not be '.'");
    } else if (value.equals("..")) {
      errors.add("must not be '..'");
    } else if (value.startsWith("..")) {
      errors.add("must not start with '..'");
    }
    return errors;
  }

  /**
   * An environment variable name under RelaxedEnvironmentVariableValidation (beta and on by default
   * in 1.32, KEP-4369): printable ASCII other than '='.
   */
  static List<String> envVarName(String value) {
    List<String> errors = new ArrayList<>();
    if (value.isEmpty()) {
      errors.add("environment variable name must be non-empty");
    }
    if (value.chars().anyMatch(c -> c < 0x20 || c > 0x7e || c == '=')) {
      errors.add(
          "a valid environment variable name must consist only of printable ASCII characters"
              + " other than '='");
    }
    return errors;
  }

  /** A container or service port name (IANA_SVC_NAME). */
  static List<String> portName(String value) {
    List<String> errors = new ArrayList<>();
    if (bytes(value) > 15) {
      errors.add(maxLen(15));
    }
    if (!PORT_NAME_CHARS.matcher(value).matches()) {
      errors.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (!HAS_LETTER.matcher(value).matches()) {
      errors.add("must contain at least one letter (a-z)");
    }
    if (value.contains("--")) {
      errors.add("must not contain consecutive hyphens");
    }
    if (!value.isEmpty() && (value.startsWith("-") || value.endsWith("-"))) {
      errors.add("must not begin or end with a hyphen");
    }
    return errors;
  }

  static List<String> portNumber(long port) {
    return port >= 1 && port <= 65535 ? List.of() : List.of(inclusiveRange(1, 65535));
  }

  static List<String> percent(String value) {
    return PERCENT.matcher(value).matches()
        ? List.of()
        : List.of(
            regexError(
                "a valid percent string must be a numeric string followed by an ending '%'",
                PERCENT_FMT, "1%", "93%"));
  }

  /** A name that is one URL path segment (RBAC objects). */
  static List<String> pathSegment(String value) {
    if (value.equals(".") || value.equals("..")) {
      return List.of("may not be '" + value + "'");
    }
    return pathSegmentPrefix(value);
  }

  static List<String> pathSegmentPrefix(String value) {
    List<String> errors = new ArrayList<>();
    for (String illegal : List.of("/", "%")) {
      if (value.contains(illegal)) {
        errors.add("may not contain '" + illegal + "'");
      }
    }
    return errors;
  }

  private static String maxLen(int length) {
    return "must be no more than " + length + " characters";
  }

  static String inclusiveRange(long low, long high) {
    return "must be between " + low + " and " + high + ", inclusive";
  }

  static int bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Upstream's RegexError text, including its doubled space after the first example. */
  private static String regexError(String message, String format, String... examples) {
    StringBuilder text = new StringBuilder(message).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      text.append(i > 0 ? " or " : "").append('\'').append(examples[i]).append("', ");
    }
    return text.append("regex used for validation is '").append(format).append("')").toString();
  }
}
