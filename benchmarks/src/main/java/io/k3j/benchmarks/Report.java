package io.k3j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The rows of a benchmark run and their Markdown table. */
public final class Report {

  /**
   * One measurement. {@code baseline} is the naive-SQLite figure it is compared with, or null;
   * {@code met} is null when the issue sets no target for it.
   */
  public record Row(
      String measurement,
      double value,
      String unit,
      Double baseline,
      String target,
      Boolean met,
      String notes) {

    public Double ratio() {
      return baseline == null || baseline == 0 ? null : value / baseline;
    }
  }

  private final List<Row> rows = new ArrayList<>();
  private final List<String> footnotes = new ArrayList<>();

  void add(Row row) {
    rows.add(row);
  }

  /** A line printed under the table. */
  void footnote(String text) {
    if (!footnotes.contains(text)) {
      footnotes.add(text);
    }
  }

  public List<String> footnotes() {
    return List.copyOf(footnotes);
  }

  public List<Row> rows() {
    return List.copyOf(rows);
  }

  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| Measurement | k3j | Naive SQLite | k3j / naive | Target | Notes |\n");
    out.append("|---|--:|--:|--:|---|---|\n");
    for (Row row : rows) {
      Double ratio = row.ratio();
      out.append("| ")
          .append(row.measurement())
          .append(" | ")
          .append(format(row.value(), row.unit()))
          .append(" | ")
          .append(row.baseline() == null ? "" : format(row.baseline(), row.unit()))
          .append(" | ")
          .append(ratio == null ? "" : String.format(Locale.ROOT, "%.1f×", ratio))
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

  static String format(double value, String unit) {
    switch (unit) {
      case "/s":
        return String.format(Locale.ROOT, "%,.0f/s", value);
      case "ms":
        return millis(value);
      case "B":
        return String.format(Locale.ROOT, "%,.0f B", value);
      default:
        return String.format(Locale.ROOT, "%,.0f %s", value, unit);
    }
  }

  static String millis(double value) {
    return String.format(Locale.ROOT, Math.abs(value) < 10 ? "%.2f ms" : "%,.1f ms", value);
  }
}
