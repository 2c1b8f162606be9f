package io.k3j.registry.operator;

import io.k3j.cron.CronSchedule;
import io.k3j.cron.CronSyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * An ImageSet's {@code spec.schedule} in its {@code spec.timeZone}: a CronJob schedule ({@link
 * CronSchedule}) with descriptors in any case, and without what the separate time zone field
 * replaces or a re-sync does not need: no {@code TZ=} prefix, no {@code @every}. Errors name the
 * spec field, for the {@code InvalidSpec} condition.
 */
final class ImageSetSchedule {
  private ImageSetSchedule() {}

  /**
   * Parses {@code schedule} in {@code timeZone} (null or blank: UTC).
   *
   * @throws IllegalArgumentException naming the field that is wrong
   */
  static CronSchedule parse(String schedule, String timeZone) {
    ZoneId zone = zone(timeZone);
    String given = schedule == null ? "" : schedule;
    String spec = given.strip();
    if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
      throw new IllegalArgumentException(
          "spec.schedule: a TZ or CRON_TZ prefix is not supported, use spec.timeZone");
    }
    boolean descriptor = spec.startsWith("@");
    String lower = spec.toLowerCase(Locale.ROOT);
    if (lower.startsWith("@every")) {
      throw unknownDescriptor(spec, null);
    }
    try {
      return CronSchedule.parse(descriptor ? lower : given, zone);
    } catch (CronSyntaxException e) {
      if (e.reason() == CronSyntaxException.Reason.UNKNOWN_DESCRIPTOR) {
        throw unknownDescriptor(spec, e);
      }
      throw new IllegalArgumentException("spec.schedule: " + e.getMessage(), e);
    }
  }

  private static IllegalArgumentException unknownDescriptor(String spec, Throwable cause) {
    return new IllegalArgumentException("spec.schedule: unknown descriptor '" + spec + "'", cause);
  }

  private static ZoneId zone(String timeZone) {
    if (timeZone == null || timeZone.isBlank()) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(timeZone.strip());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("spec.timeZone: unknown time zone '" + timeZone + "'", e);
    }
  }
}
