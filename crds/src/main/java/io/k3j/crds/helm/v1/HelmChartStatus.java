package io.k3j.crds.helm.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The observed state of a {@link HelmChart}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HelmChartStatus {
  /** Upstream's install Job; k3j installs in-process and leaves it empty. */
  private String jobName;

  /** Conditions: upstream's {@code JobCreated} and {@code Failed}, and k3j's {@code Deployed}. */
  private List<HelmChartCondition> conditions;

  public String getJobName() {
    return jobName;
  }

  public void setJobName(String jobName) {
    this.jobName = jobName;
  }

  public List<HelmChartCondition> getConditions() {
    return conditions;
  }

  public void setConditions(List<HelmChartCondition> conditions) {
    this.conditions = conditions;
  }
}
