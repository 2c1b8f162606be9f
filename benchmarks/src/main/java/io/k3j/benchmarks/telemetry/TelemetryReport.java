package io.k3j.benchmarks.telemetry;

import java.util.ArrayList;
import java.util.List;

/** The rows of a telemetry-buffer benchmark run and their Markdown table. */
public final class TelemetryReport {

  /**
   * One measurement, already formatted; {@code met} is null when the issue sets no target for it.
   */
  public record Row(
      String measurement, double value, String shown, String target, Boolean met, String notes) {}

  private final List<Row> rows = new ArrayList<>();
  private final List<String> footnotes = new ArrayList<>();

  void add(Row row) {
    rows.add(row);
  }

  void footnote(String text) {
    footnotes.add(text);
  }

  public List<Row> rows() {
    return List.copyOf(rows);
  }

  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| Measurement | k3j | Target | Notes |\n");
    out.append("|---|--:|---|---|\n");
    for (Row row : rows) {
      out.append("| ")
          .append(row.measurement())
          .append(" | ")
          .append(row.shown())
          .append(" | ")
          .append(row.target() == null ? "" : row.target())
          .append(row.met() == null ? "" : row.met() ? " — **met**" : " — **missed**")
          .append(" | ")
          .append(row.notes() == null ? "" : row.notes())
          .append(" |\n");
    }
    if (!footnotes.isEmpty()) {
      out.append('\n');
      footnotes.forEach(note -> out.append("- ").append(note).append('\n'));
    }
    return out.toString();
  }
}
