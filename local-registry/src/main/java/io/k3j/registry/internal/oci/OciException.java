package io.k3j.registry.internal.oci;

import java.util.Map;

/** A request failed with an OCI error; rendered once, by the server's sendError path. */
public final class OciException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final transient Object detail;
  private final transient Map<String, String> headers;

  public OciException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public OciException(ErrorCode code, String message, Object detail) {
    super(message, null, false, false);
    this.code = code;
    this.detail = detail;
    this.headers = Map.of();
  }

  private OciException(OciException base, Map<String, String> headers) {
    super(base.getMessage(), null, false, false);
    this.code = base.code;
    this.detail = base.detail;
    this.headers = Map.copyOf(headers);
  }

  /** The same error carrying extra response headers (e.g. Content-Range on 416). */
  public OciException withHeaders(Map<String, String> extra) {
    return new OciException(this, extra);
  }

  public Map<String, String> headers() {
    return headers;
  }

  public ErrorCode code() {
    return code;
  }

  public Object detail() {
    return detail;
  }
}
