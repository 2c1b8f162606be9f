package io.k3j.core.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Durations and ages as kubectl shows them ({@code 45s}, {@code 5m30s}, {@code 3h10m}, {@code
 * 3d4h}, {@code 2y10d}): the rules of apimachinery's {@code duration.HumanDuration}, coarser as the
 * duration grows.
 */
final class HumanDuration {
  private HumanDuration() {}

  static String format(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      return withRest(minutes, "m", seconds % 60, "s");
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      return withRest(hours, "h", minutes % 60, "m");
    }
    if (hours < 48) {
      return hours + "h";
    }
    long days = hours / 24;
    if (hours < 24 * 8) {
      return withRest(days, "d", hours % 24, "h");
    }
    if (hours < 24 * 365 * 2) {
      return days + "d";
    }
    if (hours < 24 * 365 * 8) {
      return withRest(days / 365, "y", days % 365, "d");
    }
    return days / 365 + "y";
  }

  /**
   * The age of an RFC 3339 timestamp at {@code now}; {@code <unknown>} when it is missing, as for a
   * zero time upstream, and {@code <invalid>} when it cannot be read.
   */
  static String since(JsonNode timestamp, Instant now) {
    if (timestamp == null || !timestamp.isTextual() || timestamp.asText().isEmpty()) {
      return "<unknown>";
    }
    Instant instant = parse(timestamp.asText());
    return instant == null ? "<invalid>" : format(Duration.between(instant, now));
  }

  /** The instant of an RFC 3339 timestamp, or null when it is not one. */
  static Instant parse(String timestamp) {
    try {
      return OffsetDateTime.parse(timestamp).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String withRest(long major, String majorUnit, long rest, String restUnit) {
    return rest == 0 ? major + majorUnit : major + majorUnit + rest + restUnit;
  }
}
