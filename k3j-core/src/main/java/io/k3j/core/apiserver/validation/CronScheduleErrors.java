package io.k3j.core.apiserver.validation;

import io.k3j.cron.CronSchedule;
import io.k3j.cron.CronSyntaxException;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A CronJob schedule's error in the words of upstream's parser (robfig/cron v3 {@code
 * ParseStandard}, whose grammar {@link CronSchedule} follows), as the API server reports it.
 */
final class CronScheduleErrors {
  private CronScheduleErrors() {}

  /** The parser's error for {@code spec}, empty when it parses. */
  static Optional<String> error(String spec) {
    try {
      CronSchedule.parse(spec, ZoneOffset.UTC);
      return Optional.empty();
    } catch (CronSyntaxException e) {
      return Optional.of(upstreamText(e));
    }
  }

  private static String upstreamText(CronSyntaxException e) {
    String expr = e.expression();
    return switch (e.reason()) {
      case EMPTY -> "empty spec string";
      case BAD_ZONE -> "provided bad location " + e.token() + ": unknown time zone " + e.token();
      case UNKNOWN_DESCRIPTOR -> "unrecognized descriptor: " + expr;
      case BAD_DURATION ->
          "failed to parse duration "
              + expr
              + ": time: invalid duration "
              + FieldErrors.quote(e.token());
      case FIELD_COUNT ->
          "expected exactly 5 fields, found "
              + e.fields().size()
              + ": ["
              + String.join(" ", e.fields())
              + "]";
      case NOT_A_NUMBER ->
          "failed to parse int from "
              + e.token()
              + ": strconv.Atoi: parsing "
              + FieldErrors.quote(e.token())
              + ": invalid syntax";
      case NEGATIVE_NUMBER -> "negative number (" + e.start() + ") not allowed: " + e.token();
      case TOO_MANY_HYPHENS -> "too many hyphens: " + expr;
      case TOO_MANY_SLASHES -> "too many slashes: " + expr;
      case BELOW_MINIMUM ->
          "beginning of range (" + e.start() + ") below minimum (" + e.field().min() + "): " + expr;
      case ABOVE_MAXIMUM ->
          "end of range (" + e.end() + ") above maximum (" + e.field().max() + "): " + expr;
      case REVERSED_RANGE ->
          "beginning of range (" + e.start() + ") beyond end of range (" + e.end() + "): " + expr;
      case ZERO_STEP -> "step of range should be a positive number: " + expr;
    };
  }
}
