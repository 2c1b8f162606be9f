package io.k3j.registry.internal.http;

import io.k3j.registry.internal.oci.ErrorCode;
import io.k3j.registry.internal.oci.OciException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single byte range of a blob GET (RFC 9110 §14.1.2: {@code bytes=a-b}, {@code a-}, {@code -n}).
 */
public record ByteRange(long start, long endInclusive) {
  private static final Pattern SPEC = Pattern.compile("bytes=(\\d*)-(\\d*)");

  public long length() {
    return endInclusive - start + 1;
  }

  /**
   * The range a {@code Range} header asks for within {@code size} bytes; empty for no header (or a
   * form we do not support, which RFC 9110 lets us answer with the full body); RANGE_INVALID when
   * it cannot be satisfied.
   */
  public static Optional<ByteRange> parse(String header, long size) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = SPEC.matcher(header.trim());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return Optional.empty();
    }
    long start;
    long end;
    if (m.group(1).isEmpty()) {
      long suffix = Long.parseLong(m.group(2));
      if (suffix == 0) {
        throw unsatisfiable(size);
      }
      start = Math.max(0, size - suffix);
      end = size - 1;
    } else {
      start = Long.parseLong(m.group(1));
      long requestedEnd = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
      if (start >= size || start > requestedEnd) {
        throw unsatisfiable(size);
      }
      end = Math.min(requestedEnd, size - 1);
    }
    return Optional.of(new ByteRange(start, end));
  }

  private static OciException unsatisfiable(long size) {
    return new OciException(ErrorCode.RANGE_INVALID, "requested range not satisfiable")
        .withHeaders(Map.of("Content-Range", "bytes */" + size));
  }
}
