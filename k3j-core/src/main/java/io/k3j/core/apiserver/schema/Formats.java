package io.k3j.core.apiserver.schema;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The string formats custom resources are validated against (kube-openapi's strfmt registry as
 * apiextensions-apiserver allows it). Other formats, including int32, int64, float and double, are
 * documentation only: upstream does not check them.
 */
final class Formats {
  private static final Pattern DATE_TIME =
      Pattern.compile(
          "(\\d{4}-\\d{2}-\\d{2})[Tt ]([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d+)?)?"
              + "([Zz]|[+-]\\d{2}:?\\d{2})?");
  private static final Pattern UUID =
      Pattern.compile(
          "(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?([0-9a-f])[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}");
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
  private static final Pattern MAC = Pattern.compile("([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}");
  private static final Pattern HOSTNAME =
      Pattern.compile(
          "(?i)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*\\.?");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
  private static final Pattern DURATION =
      Pattern.compile("(\\s*\\d+(\\.\\d+)?\\s*(ns|us|µs|ms|s|m|h|d|w)\\s*)+");
  private static final Pattern HEX_COLOR = Pattern.compile("#?([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})");
  private static final Pattern RGB_COLOR =
      Pattern.compile("rgb\\(\\s*\\d{1,3}\\s*,\\s*\\d{1,3}\\s*,\\s*\\d{1,3}\\s*\\)");
  private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-fA-F]{24}");
  private static final Pattern SSN = Pattern.compile("\\d{3}[- ]?\\d{2}[- ]?\\d{4}");

  private static final Map<String, Predicate<String>> CHECKS =
      Map.ofEntries(
          Map.entry("date-time", Formats::dateTime),
          Map.entry("datetime", Formats::dateTime),
          Map.entry("date", Formats::date),
          Map.entry("byte", Formats::base64),
          Map.entry("uuid", s -> UUID.matcher(s).matches()),
          Map.entry("uuid3", s -> uuid(s, '3')),
          Map.entry("uuid4", s -> uuid(s, '4')),
          Map.entry("uuid5", s -> uuid(s, '5')),
          Map.entry("ipv4", s -> IPV4.matcher(s).matches()),
          Map.entry("ipv6", Formats::ipv6),
          Map.entry("cidr", Formats::cidr),
          Map.entry("mac", s -> MAC.matcher(s).matches()),
          Map.entry("hostname", s -> s.length() <= 255 && HOSTNAME.matcher(s).matches()),
          Map.entry("email", s -> EMAIL.matcher(s).matches()),
          Map.entry("uri", Formats::uri),
          Map.entry("duration", s -> DURATION.matcher(s).matches()),
          Map.entry("hexcolor", s -> HEX_COLOR.matcher(s).matches()),
          Map.entry("rgbcolor", s -> RGB_COLOR.matcher(s).matches()),
          Map.entry("bsonobjectid", s -> OBJECT_ID.matcher(s).matches()),
          Map.entry("ssn", s -> SSN.matcher(s).matches()));

  private Formats() {}

  /** Whether {@code value} has {@code format}; formats upstream does not check always pass. */
  static boolean valid(String format, String value) {
    return CHECKS.getOrDefault(format, s -> true).test(value);
  }

  private static boolean dateTime(String value) {
    var matcher = DATE_TIME.matcher(value);
    return matcher.matches() && date(matcher.group(1));
  }

  private static boolean date(String value) {
    try {
      LocalDate.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean base64(String value) {
    try {
      Base64.getDecoder().decode(value);
      return value.length() % 4 == 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean uuid(String value, char version) {
    var matcher = UUID.matcher(value);
    return matcher.matches() && matcher.group(1).charAt(0) == version;
  }

  private static boolean ipv6(String value) {
    if (!value.contains(":") || !IPV6_CHARS.matcher(value).matches()) {
      return false;
    }
    try {
      InetAddress.getByName(value);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean cidr(String value) {
    int slash = value.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String address = value.substring(0, slash);
    String prefix = value.substring(slash + 1);
    boolean v4 = IPV4.matcher(address).matches();
    if (!v4 && !ipv6(address) || !prefix.matches("\\d{1,3}")) {
      return false;
    }
    return Integer.parseInt(prefix) <= (v4 ? 32 : 128);
  }

  private static boolean uri(String value) {
    try {
      new URI(value);
      return true;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
