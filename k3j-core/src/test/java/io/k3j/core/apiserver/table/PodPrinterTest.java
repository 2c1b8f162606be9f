package io.k3j.core.apiserver.table;

import static io.k3j.core.apiserver.table.Fixtures.cells;
import static io.k3j.core.apiserver.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PodPrinterTest {
  private final PodPrinter printer = new PodPrinter();

  private static String pod(String spec, String status) {
    return "{'metadata': {'name': 'web-1', 'creationTimestamp': '2026-11-24T11:55:00Z'},"
        + " 'spec': "
        + spec
        + ", 'status': "
        + status
        + "}";
  }

  private static final String TWO_CONTAINERS = "{'containers': [{'name': 'app'}, {'name': 'log'}]}";

  @Test
  @DisplayName("columns are NAME READY STATUS RESTARTS AGE, then IP NODE NOMINATED NODE GATES wide")
  void columns() {
    assertThat(Fixtures.headers(printer))
        .containsExactly(
            "Name",
            "Ready",
            "Status",
            "Restarts",
            "Age",
            "IP*",
            "Node*",
            "Nominated Node*",
            "Readiness Gates*");
  }

  @Test
  @DisplayName("a running pod shows ready/total, its phase, restarts with the last one's age")
  void running() {
    List<Object> cells =
        cells(
            printer,
            pod(
                TWO_CONTAINERS,
                """
                {'phase': 'Running', 'podIPs': [{'ip': '10.42.0.7'}],
                 'containerStatuses': [
                   {'name': 'app', 'ready': true, 'restartCount': 2, 'state': {'running': {}},
                    'lastState': {'terminated': {'finishedAt': '2026-11-24T11:57:00Z'}}},
                   {'name': 'log', 'ready': false, 'restartCount': 1, 'state': {'running': {}}}]}
                """));
    assertThat(cells)
        .containsExactly(
            "web-1",
            "1/2",
            "Running",
            "3 (3m ago)",
            "5m",
            "10.42.0.7",
            "<none>",
            "<none>",
            "<none>");
  }

  @Test
  @DisplayName("a waiting container's reason is the status, and no restart shows a bare 0")
  void waiting() {
    List<Object> cells =
        cells(
            printer,
            pod(
                "{'containers': [{'name': 'app'}], 'nodeName': 'edge-1'}",
                """
                {'phase': 'Running', 'containerStatuses': [
                  {'name': 'app', 'restartCount': 0,
                   'state': {'waiting': {'reason': 'CrashLoopBackOff'}}}]}
                """));
    assertThat(cells.subList(1, 4)).containsExactly("0/1", "CrashLoopBackOff", "0");
    assertThat(cells.get(6)).isEqualTo("edge-1");
  }

  @Test
  @DisplayName("init containers show progress as Init:n/m, or their failure reason")
  void initializing() {
    String spec =
        "{'initContainers': [{'name': 'a'}, {'name': 'b'}], 'containers': [{'name': 'c'}]}";
    assertThat(
            cells(
                    printer,
                    pod(
                        spec,
                        """
                        {'phase': 'Pending', 'initContainerStatuses': [
                          {'name': 'a', 'state': {'terminated': {'exitCode': 0}}},
                          {'name': 'b', 'state': {'running': {}}}]}
                        """))
                .get(2))
        .isEqualTo("Init:1/2");
    assertThat(
            cells(
                    printer,
                    pod(
                        spec,
                        """
                        {'phase': 'Pending', 'initContainerStatuses': [
                          {'name': 'a', 'state': {'terminated': {'exitCode': 3}}}]}
                        """))
                .get(2))
        .isEqualTo("Init:ExitCode:3");
    assertThat(
            cells(
                    printer,
                    pod(
                        spec,
                        """
                        {'phase': 'Pending', 'initContainerStatuses': [
                          {'name': 'a', 'state': {'waiting': {'reason': 'ImagePullBackOff'}}}]}
                        """))
                .get(2))
        .isEqualTo("Init:ImagePullBackOff");
  }

  @Test
  @DisplayName("a started sidecar init container counts towards READY and the total")
  void sidecar() {
    List<Object> cells =
        cells(
            printer,
            pod(
                "{'initContainers': [{'name': 'proxy', 'restartPolicy': 'Always'}],"
                    + " 'containers': [{'name': 'app'}]}",
                """
                {'phase': 'Running', 'conditions': [{'type': 'Initialized', 'status': 'True'}],
                 'initContainerStatuses': [
                   {'name': 'proxy', 'started': true, 'ready': true, 'restartCount': 1,
                    'state': {'running': {}}}],
                 'containerStatuses': [
                   {'name': 'app', 'ready': true, 'state': {'running': {}}}]}
                """));
    assertThat(cells.subList(1, 4)).containsExactly("2/2", "Running", "1");
  }

  @Test
  @DisplayName("a completed container next to a running one reads NotReady, or Running when ready")
  void completedButRunning() {
    String status =
        """
        {'phase': 'Running', 'conditions': [%s],
         'containerStatuses': [
           {'name': 'app', 'ready': true, 'state': {'running': {}}},
           {'name': 'job', 'state': {'terminated': {'exitCode': 0, 'reason': 'Completed'}}}]}
        """;
    assertThat(cells(printer, pod(TWO_CONTAINERS, status.formatted(""))).get(2))
        .isEqualTo("NotReady");
    assertThat(
            cells(
                    printer,
                    pod(TWO_CONTAINERS, status.formatted("{'type': 'Ready', 'status': 'True'}")))
                .get(2))
        .isEqualTo("Running");
  }

  @Test
  @DisplayName("a pod being deleted reads Terminating; one on a lost node Unknown")
  void deleting() {
    String deleting =
        "{'metadata': {'name': 'p', 'deletionTimestamp': '2026-11-24T11:59:00Z'},"
            + " 'spec': {'containers': []}, 'status': {'phase': 'Running'%s}}";
    assertThat(cells(printer, deleting.formatted("")).get(2)).isEqualTo("Terminating");
    assertThat(cells(printer, deleting.formatted(", 'reason': 'NodeLost'")).get(2))
        .isEqualTo("Unknown");
  }

  @Test
  @DisplayName("a finished pod's row carries a Completed condition; a terminated exit code shows")
  void finished() {
    String failed =
        pod(
            "{'containers': [{'name': 'app'}]}",
            """
            {'phase': 'Failed', 'containerStatuses': [
              {'name': 'app', 'state': {'terminated': {'exitCode': 137}}}]}
            """);
    assertThat(cells(printer, failed).get(2)).isEqualTo("ExitCode:137");
    assertThat(printer.conditions(json(failed)))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.path("type").asText()).isEqualTo("Completed");
              assertThat(c.path("reason").asText()).isEqualTo("Failed");
            });
    assertThat(printer.conditions(json(pod(TWO_CONTAINERS, "{'phase': 'Running'}")))).isEmpty();
  }

  @Test
  @DisplayName("readiness gates count the gate conditions that are true")
  void readinessGates() {
    List<Object> cells =
        cells(
            printer,
            pod(
                "{'containers': [], 'readinessGates': [{'conditionType': 'lb/ready'},"
                    + " {'conditionType': 'dns/ready'}]}",
                "{'phase': 'Running', 'conditions': [{'type': 'lb/ready', 'status': 'True'}]}"));
    assertThat(cells.get(8)).isEqualTo("1/2");
  }
}
