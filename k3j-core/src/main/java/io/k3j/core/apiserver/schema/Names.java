package io.k3j.core.apiserver.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Name checks with upstream's messages (k8s.io/apimachinery/pkg/util/validation): an empty list
 * means valid.
 */
final class Names {
  private static final String DNS_1035_FORMAT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern DNS_1035 = Pattern.compile(DNS_1035_FORMAT);
  private static final String DNS_1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS_1123_SUBDOMAIN_FORMAT =
      DNS_1123_LABEL + "(\\." + DNS_1123_LABEL + ")*";
  private static final Pattern DNS_1123_SUBDOMAIN = Pattern.compile(DNS_1123_SUBDOMAIN_FORMAT);

  private Names() {}

  static List<String> dns1035Label(String value) {
    List<String> errors = new ArrayList<>();
    if (value.length() > 63) {
      errors.add("must be no more than 63 characters");
    }
    if (!DNS_1035.matcher(value).matches()) {
      errors.add(
          "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start"
              + " with an alphabetic character, and end with an alphanumeric character (e.g."
              + " 'my-name',  or 'abc-123', regex used for validation is '"
              + DNS_1035_FORMAT
              + "')");
    }
    return errors;
  }

  static List<String> dns1123Subdomain(String value) {
    List<String> errors = new ArrayList<>();
    if (value.length() > 253) {
      errors.add("must be no more than 253 characters");
    }
    if (!DNS_1123_SUBDOMAIN.matcher(value).matches()) {
      errors.add(
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters,"
              + " '-' or '.', and must start and end with an alphanumeric character (e.g."
              + " 'example.com', regex used for validation is '"
              + DNS_1123_SUBDOMAIN_FORMAT
              + "')");
    }
    return errors;
  }
}
