package io.k3j.core.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What kube-apiserver prints for kinds without a printer (Roles, LimitRanges,
 * CustomResourceDefinitions, ...): Name and Created At, the creation time in RFC 3339 UTC.
 */
final class DefaultPrinter implements Printer {
  static final DefaultPrinter INSTANCE = new DefaultPrinter();

  private static final List<Column> COLUMNS =
      List.of(Column.objectName(), new Column("Created At", "date", "", Column.AGE_DESCRIPTION, 0));

  /** How Go formats the zero time, which an object without a creation time reports. */
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private DefaultPrinter() {}

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(JsonNode object, Instant now) {
    Instant created = HumanDuration.parse(Cells.text(object, "/metadata/creationTimestamp"));
    String createdAt =
        created == null ? ZERO_TIME : created.truncatedTo(ChronoUnit.SECONDS).toString();
    return List.of(Cells.name(object), createdAt);
  }
}
