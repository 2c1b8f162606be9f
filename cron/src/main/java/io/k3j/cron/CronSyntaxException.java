package io.k3j.cron;

import java.util.List;

/**
 * Why a schedule does not parse, with the parts a caller needs to word the error its own way (the
 * API server words it as upstream's parser does). The message is k3j's own wording, naming the
 * field: {@code minute '61': outside 0-59 or reversed}.
 */
public final class CronSyntaxException extends IllegalArgumentException {
  /** What is wrong; the javadoc names the accessors that carry the details. */
  public enum Reason {
    /** The schedule is the empty string. */
    EMPTY,
    /** A {@code TZ=} or {@code CRON_TZ=} prefix names no known zone: {@link #token()}. */
    BAD_ZONE,
    /** {@link #expression()} starts with {@code @} but is no descriptor. */
    UNKNOWN_DESCRIPTOR,
    /** {@link #expression()} is {@code @every} with {@link #token()} not a Go duration. */
    BAD_DURATION,
    /** {@link #expression()} (the schedule) has {@link #fields()}, not five. */
    FIELD_COUNT,
    /** {@link #token()} in the list item {@link #expression()} is not an integer. */
    NOT_A_NUMBER,
    /** {@link #token()}, read as {@link #start()}, is negative. */
    NEGATIVE_NUMBER,
    TOO_MANY_HYPHENS,
    TOO_MANY_SLASHES,
    /** {@link #start()} is below {@link CronField#min()}. */
    BELOW_MINIMUM,
    /** {@link #end()} is above {@link CronField#max()}. */
    ABOVE_MAXIMUM,
    /** {@link #start()} is after {@link #end()}. */
    REVERSED_RANGE,
    ZERO_STEP
  }

  private final Reason reason;
  private final CronField field;
  private final String expression;
  private final String token;
  private final long start;
  private final long end;
  private final List<String> fields;

  private CronSyntaxException(
      Reason reason,
      CronField field,
      String expression,
      String token,
      long start,
      long end,
      List<String> fields) {
    super(message(reason, field, expression, token, fields));
    this.reason = reason;
    this.field = field;
    this.expression = expression;
    this.token = token;
    this.start = start;
    this.end = end;
    this.fields = fields;
  }

  static CronSyntaxException of(Reason reason, String expression, String token) {
    return new CronSyntaxException(reason, null, expression, token, 0, 0, List.of());
  }

  static CronSyntaxException fieldCount(String schedule, List<String> fields) {
    return new CronSyntaxException(Reason.FIELD_COUNT, null, schedule, "", 0, 0, fields);
  }

  static CronSyntaxException inField(
      Reason reason, CronField field, String item, String token, long start, long end) {
    return new CronSyntaxException(reason, field, item, token, start, end, List.of());
  }

  public Reason reason() {
    return reason;
  }

  /** The field of a list item error, null for errors about the whole schedule. */
  public CronField field() {
    return field;
  }

  /** The list item, the descriptor or the schedule the error is about; empty when none. */
  public String expression() {
    return expression;
  }

  /** The number, duration or zone text that did not parse; empty when none. */
  public String token() {
    return token;
  }

  public long start() {
    return start;
  }

  public long end() {
    return end;
  }

  /** The fields found, for {@link Reason#FIELD_COUNT}; else empty. */
  public List<String> fields() {
    return fields;
  }

  private static String message(
      Reason reason, CronField field, String expression, String token, List<String> fields) {
    return switch (reason) {
      case EMPTY, FIELD_COUNT ->
          "expected 5 fields (minute hour day-of-month month day-of-week),"
              + " found "
              + fields.size()
              + " in '"
              + expression
              + "'";
      case BAD_ZONE -> "unknown time zone '" + token + "'";
      case UNKNOWN_DESCRIPTOR -> "unknown descriptor '" + expression + "'";
      case BAD_DURATION -> "'" + token + "' is not a duration";
      default -> field.label() + " '" + expression + "': " + why(reason, field, token);
    };
  }

  private static String why(Reason reason, CronField field, String token) {
    return switch (reason) {
      case NOT_A_NUMBER, NEGATIVE_NUMBER -> "'" + token + "' is not a number";
      case TOO_MANY_HYPHENS -> "more than one '-'";
      case TOO_MANY_SLASHES -> "more than one '/'";
      case ZERO_STEP -> "step must be positive";
      default -> "outside " + field.min() + "-" + field.max() + " or reversed";
    };
  }
}
