package io.k3j.core.apiserver.validation;

import static io.k3j.core.apiserver.validation.Fixtures.cause;
import static io.k3j.core.apiserver.validation.Fixtures.create;
import static io.k3j.core.apiserver.validation.Fixtures.required;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JobValidationTest {
  private static final String TEMPLATE =
      "template:{spec:{restartPolicy:'Never',containers:[{name:'c',image:'busybox'}]}}";

  private static String job(String spec) {
    return "{metadata:{name:'pi',uid:'u-1'},spec:{" + spec + "}}";
  }

  private static String cronJob(String spec) {
    return "{metadata:{name:'nightly'},spec:{" + spec + ",jobTemplate:{spec:{" + TEMPLATE + "}}}}";
  }

  @Test
  @DisplayName("a Job with a generated selector is valid")
  void validGenerated() {
    assertThat(create("batch", "Job", job(TEMPLATE))).isEmpty();
  }

  @Test
  @DisplayName("a Job with manualSelector keeps its own selector")
  void validManual() {
    String template = TEMPLATE.replace("template:{", "template:{metadata:{labels:{a:'b'}},");
    assertThat(
            create(
                "batch",
                "Job",
                job("manualSelector:true,selector:{matchLabels:{a:'b'}}," + template)))
        .isEmpty();
  }

  @Test
  @DisplayName("a Job template restarts Never or OnFailure")
  void restartPolicy() {
    assertThat(create("batch", "Job", job(TEMPLATE.replace("restartPolicy:'Never',", ""))))
        .containsExactly(
            cause(
                "FieldValueNotSupported",
                "Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"",
                "spec.template.spec.restartPolicy"));
  }

  @Test
  @DisplayName(
      "without manualSelector a user selector gets the uid added and is not auto-generated")
  void userSelectorWithoutManual() {
    String template = TEMPLATE.replace("template:{", "template:{metadata:{labels:{a:'b'}},");
    assertThat(create("batch", "Job", job("selector:{matchLabels:{a:'b'}}," + template)))
        .contains(
            cause(
                "FieldValueInvalid",
                "Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"a\":\"b\","
                    + " \"batch.kubernetes.io/controller-uid\":\"u-1\"},"
                    + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not"
                    + " auto-generated",
                "spec.selector"));
  }

  @Test
  @DisplayName("negative backoffLimit and Indexed without completions are invalid")
  void counts() {
    assertThat(
            create(
                "batch",
                "Job",
                job("backoffLimit:-1,parallelism:2,completionMode:'Indexed'," + TEMPLATE)))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: -1: must be greater than or equal to 0",
                "spec.backoffLimit"),
            cause(
                "FieldValueRequired",
                "Required value: when completion mode is Indexed",
                "spec.completions"));
  }

  @Test
  @DisplayName("a CronJob with a valid schedule and descriptor passes")
  void validCronJob() {
    assertThat(create("batch", "CronJob", cronJob("schedule:'*/15 * * * *'"))).isEmpty();
    assertThat(create("batch", "CronJob", cronJob("schedule:'@hourly'"))).isEmpty();
  }

  @Test
  @DisplayName("the schedule is required and must parse")
  void schedule() {
    assertThat(create("batch", "CronJob", cronJob("suspend:false")))
        .containsExactly(required("spec.schedule"));
    assertThat(create("batch", "CronJob", cronJob("schedule:'0 25 * * *'")))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: \"0 25 * * *\": end of range (25) above maximum (23): 25",
                "spec.schedule"));
  }

  @Test
  @DisplayName("TZ= in a new schedule is refused in favour of timeZone")
  void timeZoneInSchedule() {
    assertThat(create("batch", "CronJob", cronJob("schedule:'TZ=UTC 0 * * * *'")))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: \"TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use"
                    + " timeZone field instead",
                "spec.schedule"));
    assertThat(create("batch", "CronJob", cronJob("schedule:'0 * * * *',timeZone:'Mars/Base'")))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: \"Mars/Base\": unknown time zone Mars/Base",
                "spec.timeZone"));
  }

  @Test
  @DisplayName("CronJob names are at most 52 characters and concurrencyPolicy is an enum")
  void nameAndPolicy() {
    String name = "n".repeat(53);
    assertThat(
            create(
                "batch",
                "CronJob",
                cronJob("schedule:'@daily',concurrencyPolicy:'Sometimes'")
                    .replace("nightly", name)))
        .containsExactly(
            cause(
                "FieldValueInvalid",
                "Invalid value: \"" + name + "\": must be no more than 52 characters",
                "metadata.name"),
            cause(
                "FieldValueNotSupported",
                "Unsupported value: \"Sometimes\": supported values: \"Allow\", \"Forbid\","
                    + " \"Replace\"",
                "spec.concurrencyPolicy"));
  }
}
