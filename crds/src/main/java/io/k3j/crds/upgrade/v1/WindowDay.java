package io.k3j.crds.upgrade.v1;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.DayOfWeek;

/** A day name accepted in {@code spec.window.days}: the spellings kured's time window accepts. */
public enum WindowDay {
  D0("0", DayOfWeek.SUNDAY),
  D1("1", DayOfWeek.MONDAY),
  D2("2", DayOfWeek.TUESDAY),
  D3("3", DayOfWeek.WEDNESDAY),
  D4("4", DayOfWeek.THURSDAY),
  D5("5", DayOfWeek.FRIDAY),
  D6("6", DayOfWeek.SATURDAY),
  SU("su", DayOfWeek.SUNDAY),
  SUN("sun", DayOfWeek.SUNDAY),
  SUNDAY("sunday", DayOfWeek.SUNDAY),
  MO("mo", DayOfWeek.MONDAY),
  MON("mon", DayOfWeek.MONDAY),
  MONDAY("monday", DayOfWeek.MONDAY),
  TU("tu", DayOfWeek.TUESDAY),
  TUE("tue", DayOfWeek.TUESDAY),
  TUESDAY("tuesday", DayOfWeek.TUESDAY),
  WE("we", DayOfWeek.WEDNESDAY),
  WED("wed", DayOfWeek.WEDNESDAY),
  WEDNESDAY("wednesday", DayOfWeek.WEDNESDAY),
  TH("th", DayOfWeek.THURSDAY),
  THU("thu", DayOfWeek.THURSDAY),
  THURSDAY("thursday", DayOfWeek.THURSDAY),
  FR("fr", DayOfWeek.FRIDAY),
  FRI("fri", DayOfWeek.FRIDAY),
  FRIDAY("friday", DayOfWeek.FRIDAY),
  SA("sa", DayOfWeek.SATURDAY),
  SAT("sat", DayOfWeek.SATURDAY),
  SATURDAY("saturday", DayOfWeek.SATURDAY);

  private final String value;
  private final DayOfWeek dayOfWeek;

  WindowDay(String value, DayOfWeek dayOfWeek) {
    this.value = value;
    this.dayOfWeek = dayOfWeek;
  }

  @JsonValue
  public String value() {
    return value;
  }

  public DayOfWeek dayOfWeek() {
    return dayOfWeek;
  }
}
