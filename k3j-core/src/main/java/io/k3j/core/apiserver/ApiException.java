package io.k3j.core.apiserver;

import java.util.List;

/**
 * An error the API server reports as a Kubernetes {@code Status}: HTTP code, upstream reason, a
 * message a person can act on, and for Invalid the causes.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** One field that failed validation. */
  public record Cause(String reason, String message, String field) {}

  private final int code;
  private final String reason;
  private final String kind;
  private final String name;
  private final transient List<Cause> causes;

  public ApiException(int code, String reason, String message) {
    this(code, reason, message, null, null, List.of());
  }

  public ApiException(
      int code, String reason, String message, String kind, String name, List<Cause> causes) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.kind = kind;
    this.name = name;
    this.causes = List.copyOf(causes);
  }

  public static ApiException notFound(String resource, String name) {
    return new ApiException(
        404, "NotFound", resource + " \"" + name + "\" not found", resource, name, List.of());
  }

  public static ApiException alreadyExists(String resource, String name) {
    return new ApiException(
        409,
        "AlreadyExists",
        resource + " \"" + name + "\" already exists",
        resource,
        name,
        List.of());
  }

  public static ApiException conflict(String resource, String name) {
    return new ApiException(
        409,
        "Conflict",
        "Operation cannot be fulfilled on "
            + resource
            + " \""
            + name
            + "\": the object has been modified; please apply your changes to the latest version"
            + " and try again",
        resource,
        name,
        List.of());
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "BadRequest", message);
  }

  public static ApiException invalid(String kind, String name, List<Cause> causes) {
    StringBuilder message = new StringBuilder(kind + " \"" + name + "\" is invalid: ");
    for (int i = 0; i < causes.size(); i++) {
      Cause cause = causes.get(i);
      message.append(i == 0 ? "" : ", ").append(cause.field()).append(": ").append(cause.message());
    }
    return new ApiException(422, "Invalid", message.toString(), kind, name, causes);
  }

  public static ApiException gone(String message) {
    return new ApiException(410, "Expired", message);
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  public String kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  public List<Cause> causes() {
    return causes;
  }
}
