package io.k3j.crds.upgrade.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** When new Jobs may start (kured time window format). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TimeWindowSpec {
  /** Days of the week. */
  @Size(min = 1)
  private List<WindowDay> days;

  /** Start time of day, inclusive. */
  private String startTime;

  /** End time of day, inclusive. */
  private String endTime;

  /** IANA time zone; empty means UTC. */
  private String timeZone;

  public List<WindowDay> getDays() {
    return days;
  }

  public void setDays(List<WindowDay> days) {
    this.days = days;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public String getEndTime() {
    return endTime;
  }

  public void setEndTime(String endTime) {
    this.endTime = endTime;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }
}
