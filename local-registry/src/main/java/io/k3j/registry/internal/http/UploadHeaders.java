package io.k3j.registry.internal.http;

import io.k3j.registry.internal.oci.ErrorCode;
import io.k3j.registry.internal.oci.OciException;
import io.k3j.registry.internal.store.UploadSession;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Location, Range and Content-Range rules of chunked uploads (spec "Pushing a blob in chunks"). */
final class UploadHeaders {
  private static final Pattern CONTENT_RANGE = Pattern.compile("^(?:bytes )?([0-9]+)-([0-9]+)$");

  private UploadHeaders() {}

  static String location(String name, UploadSession session) {
    return "/v2/" + name + "/blobs/uploads/" + session.id();
  }

  /** Inclusive end offset of the bytes received, without a {@code bytes=} prefix. */
  static String range(UploadSession session) {
    long size = session.size();
    return "0-" + Math.max(0, size - 1);
  }

  static void describe(FullHttpResponse response, String name, UploadSession session) {
    response.headers().set(HttpHeaderNames.LOCATION, location(name, session));
    response.headers().set(HttpHeaderNames.RANGE, range(session));
    response.headers().set("Docker-Upload-UUID", session.id());
  }

  /** A chunk must start where the upload ends; otherwise 416 with the current Range. */
  static void checkContentRange(String header, String name, UploadSession session) {
    if (header == null) {
      return;
    }
    Matcher m = CONTENT_RANGE.matcher(header.trim());
    if (!m.matches()) {
      throw new OciException(ErrorCode.BLOB_UPLOAD_INVALID, "malformed Content-Range " + header);
    }
    long start = Long.parseLong(m.group(1));
    long end = Long.parseLong(m.group(2));
    if (start != session.size() || end < start) {
      throw new OciException(
              ErrorCode.RANGE_INVALID,
              "chunk " + header + " does not continue the upload at " + session.size())
          .withHeaders(
              Map.of(
                  "Location", location(name, session),
                  "Range", range(session),
                  "Docker-Upload-UUID", session.id()));
    }
  }
}
