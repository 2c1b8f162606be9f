package io.k3j.benchmarks.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The rows of a registry benchmark run and their Markdown table. */
public final class RegistryReport {

  /**
   * One measurement of local-registry next to docker-registry ({@code theirs}, null when not
   * measured). {@code met} is null when the issue sets no target.
   */
  public record Row(
      String measurement,
      double ours,
      Double theirs,
      String unit,
      String target,
      Boolean met,
      String notes) {

    /** ours / theirs, or null. */
    public Double ratio() {
      return theirs == null || theirs == 0 ? null : ours / theirs;
    }
  }

  private final List<Row> rows = new ArrayList<>();

  void add(Row row) {
    rows.add(row);
  }

  public List<Row> rows() {
    return List.copyOf(rows);
  }

  /** The row named {@code measurement}. */
  public Row row(String measurement) {
    return rows.stream()
        .filter(r -> r.measurement().equals(measurement))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no row " + measurement));
  }

  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append(
        "| Measurement | local-registry | docker-registry | local / docker | Target | Notes |\n");
    out.append("|---|--:|--:|--:|---|---|\n");
    for (Row row : rows) {
      Double ratio = row.ratio();
      out.append("| ")
          .append(row.measurement())
          .append(" | ")
          .append(format(row.ours(), row.unit()))
          .append(" | ")
          .append(row.theirs() == null ? "" : format(row.theirs(), row.unit()))
          .append(" | ")
          .append(ratio == null ? "" : String.format(Locale.ROOT, "%.2f×", ratio))
          .append(" | ")
          .append(row.target() == null ? "" : row.target())
          .append(row.met() == null ? "" : row.met() ? " — **met**" : " — **missed**")
          .append(" | ")
          .append(row.notes() == null ? "" : row.notes())
          .append(" |\n");
    }
    return out.toString();
  }

  static String format(double value, String unit) {
    return switch (unit) {
      case "MB/s" -> String.format(Locale.ROOT, "%,.0f MB/s", value);
      case "s" -> String.format(Locale.ROOT, "%.2f s", value);
      case "ms" -> String.format(Locale.ROOT, value < 10 ? "%.2f ms" : "%,.1f ms", value);
      default -> String.format(Locale.ROOT, "%.2f %s", value, unit);
    };
  }
}
