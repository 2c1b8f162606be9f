package io.k3j.core.apiserver;

import java.util.List;
import java.util.Map;

/**
 * A decoded request as the handlers see it: no Netty types. {@code headers} holds the few other
 * headers handlers read (If-None-Match), keyed by lower-case name.
 */
public record ApiRequest(
    String method,
    Route route,
    Map<String, List<String>> params,
    String contentType,
    String accept,
    byte[] body,
    User user,
    Map<String, String> headers) {

  /** An authenticated caller: user name and groups. */
  public record User(String name, List<String> groups) {}

  public String param(String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** A request header by its lower-case name, or null. */
  public String header(String name) {
    return headers.get(name);
  }

  public boolean flag(String name) {
    String value = param(name);
    return value != null && (value.equals("true") || value.equals("1"));
  }
}
