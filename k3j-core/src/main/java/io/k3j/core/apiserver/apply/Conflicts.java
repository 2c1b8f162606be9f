package io.k3j.core.apiserver.apply;

import io.k3j.core.apiserver.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 409 an apply gets when it would change fields other managers own, worded as upstream's field
 * manager words it (k8s.io/apiserver fieldmanager, NewConflictError): one {@code
 * FieldManagerConflict} cause per field, naming the manager and the field path.
 */
final class Conflicts {
  private final Map<ManagedFieldsEntry, FieldSet> byManager = new LinkedHashMap<>();

  void add(ManagedFieldsEntry manager, FieldSet fields) {
    if (!fields.isEmpty()) {
      byManager.put(manager, fields);
    }
  }

  boolean isEmpty() {
    return byManager.isEmpty();
  }

  ApiException toException() {
    List<ApiException.Cause> causes = new ArrayList<>();
    StringBuilder details = new StringBuilder();
    byManager.forEach(
        (manager, fields) -> {
          String with = "conflict with " + manager.describe();
          List<String> paths = fields.paths().stream().map(PathElements::display).toList();
          paths.forEach(
              path -> causes.add(new ApiException.Cause("FieldManagerConflict", with, path)));
          if (paths.size() == 1 && byManager.size() == 1) {
            details.append(with).append(": ").append(paths.get(0));
          } else {
            details.append("conflicts with ").append(manager.describe()).append(':');
            paths.forEach(path -> details.append("\n- ").append(path));
            details.append('\n');
          }
        });
    String count = causes.size() == 1 ? "1 conflict" : causes.size() + " conflicts";
    return new ApiException(
        409,
        "Conflict",
        "Apply failed with " + count + ": " + details.toString().stripTrailing(),
        null,
        null,
        causes);
  }
}
