package io.k3j.registry.internal.oci;

/** Error codes of the OCI distribution spec ("Error Codes", code-1..14) plus distribution's. */
public enum ErrorCode {
  BLOB_UNKNOWN(404),
  BLOB_UPLOAD_INVALID(400),
  BLOB_UPLOAD_UNKNOWN(404),
  DIGEST_INVALID(400),
  MANIFEST_BLOB_UNKNOWN(400),
  MANIFEST_INVALID(400),
  MANIFEST_UNKNOWN(404),
  NAME_INVALID(400),
  NAME_UNKNOWN(404),
  SIZE_INVALID(400),
  UNAUTHORIZED(401),
  DENIED(403),
  UNSUPPORTED(405),
  TOOMANYREQUESTS(429),
  RANGE_INVALID(416),
  PAGINATION_NUMBER_INVALID(400),
  MANIFEST_TOO_LARGE(413),
  UNAVAILABLE(503),
  UNKNOWN(500);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** The code string on the wire; 413 is reported as SIZE_INVALID (no spec code of its own). */
  public String wireCode() {
    return this == MANIFEST_TOO_LARGE ? "SIZE_INVALID" : name();
  }
}
