package io.k3j.core.apiserver.table;

import io.k3j.core.apiserver.ApiException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A client's request for a {@code meta.k8s.io Table} instead of the object: which Table version (v1
 * or v1beta1) it negotiated from {@code Accept}, and what rows carry.
 *
 * <p>kubectl asks {@code application/json;as=Table;v=v1;g=meta.k8s.io,
 * application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json}; the answer echoes the chosen
 * media type as its Content-Type, as kube-apiserver does.
 */
public record TableFormat(String version, IncludeObject include) {
  private static final String GROUP = "meta.k8s.io";
  private static final Set<String> VERSIONS = Set.of("v1", "v1beta1");

  /**
   * The Table the client prefers, or empty when it should get the object itself. A client that
   * accepts nothing but Table versions this server lacks gets a 406.
   *
   * @param accept the {@code Accept} header, possibly null
   * @param includeObject the {@code includeObject} query parameter, possibly null
   */
  public static Optional<TableFormat> negotiate(String accept, String includeObject) {
    List<MediaRange> ranges = MediaRange.parseAll(accept);
    boolean onlyTables = !ranges.isEmpty();
    for (MediaRange range : ranges) {
      if (!"Table".equals(range.param("as"))) {
        onlyTables = false;
        if (range.acceptsJson() && range.param("as") == null) {
          return Optional.empty();
        }
        continue;
      }
      if (range.type().equals("application/json")
          && GROUP.equals(range.param("g"))
          && VERSIONS.contains(range.param("v"))) {
        return Optional.of(new TableFormat(range.param("v"), IncludeObject.parse(includeObject)));
      }
    }
    if (onlyTables) {
      throw new ApiException(
          406,
          "NotAcceptable",
          "only the following media types are accepted: application/json,"
              + " application/json;as=Table;v=v1;g=meta.k8s.io,"
              + " application/json;as=Table;v=v1beta1;g=meta.k8s.io");
    }
    return Optional.empty();
  }

  /** {@code meta.k8s.io/v1} or {@code meta.k8s.io/v1beta1}. */
  public String apiVersion() {
    return GROUP + "/" + version;
  }

  /** The Content-Type of the answer, e.g. {@code application/json;as=Table;v=v1;g=meta.k8s.io}. */
  public String contentType() {
    return "application/json;as=Table;v=" + version + ";g=" + GROUP;
  }
}
