package io.k3j.core.apiserver.table;

import static io.k3j.core.apiserver.table.Fixtures.cells;
import static io.k3j.core.apiserver.table.Fixtures.headers;
import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.core.apiserver.resources.BuiltinResources;
import io.k3j.core.apiserver.resources.ResourceType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The printers of built-in kinds other than Pod, against kube-apiserver 1.32's output. */
class BuiltinPrintersTest {
  private static final String META =
      "'metadata': {'name': 'x', 'creationTimestamp': '2026-11-21T08:00:00Z'}";

  private static Printer printer(String group, String kind) {
    ResourceType type =
        BuiltinResources.all().stream()
            .filter(t -> t.group().equals(group) && t.kind().equals(kind))
            .findFirst()
            .orElseThrow();
    return Printers.forType(type);
  }

  @Test
  @DisplayName("Namespace: NAME STATUS AGE")
  void namespace() {
    Printer printer = printer("", "Namespace");
    assertThat(headers(printer)).containsExactly("Name", "Status", "Age");
    assertThat(cells(printer, "{" + META + ", 'status': {'phase': 'Active'}}"))
        .containsExactly("x", "Active", "3d4h");
  }

  @Test
  @DisplayName("ConfigMap DATA counts data and binaryData; Secret shows TYPE and DATA")
  void configMapAndSecret() {
    assertThat(
            cells(
                printer("", "ConfigMap"),
                "{" + META + ", 'data': {'a': '1', 'b': '2'}, 'binaryData': {'c': 'AA=='}}"))
        .containsExactly("x", 3L, "3d4h");
    Printer secret = printer("", "Secret");
    assertThat(headers(secret)).containsExactly("Name", "Type", "Data", "Age");
    assertThat(cells(secret, "{" + META + ", 'type': 'Opaque', 'data': {'k': 'dg=='}}"))
        .containsExactly("x", "Opaque", 1L, "3d4h");
  }

  @Test
  @DisplayName("ServiceAccount SECRETS counts the listed secrets")
  void serviceAccount() {
    assertThat(cells(printer("", "ServiceAccount"), "{" + META + "}"))
        .containsExactly("x", 0L, "3d4h");
  }

  @Test
  @DisplayName("Service: TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S) with node ports, SELECTOR wide")
  void service() {
    Printer printer = printer("", "Service");
    assertThat(headers(printer))
        .containsExactly(
            "Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector*");
    assertThat(
            cells(
                printer,
                "{"
                    + META
                    + ", 'spec': {'clusterIPs': ['10.43.0.10'], 'selector': {'b': '2', 'a': '1'},"
                    + " 'ports': [{'port': 53, 'protocol': 'UDP'}, {'port': 80}]}}"))
        .containsExactly(
            "x", "ClusterIP", "10.43.0.10", "<none>", "53/UDP,80/TCP", "3d4h", "a=1,b=2");
    assertThat(
            cells(
                printer,
                "{"
                    + META
                    + ", 'spec': {'type': 'LoadBalancer', 'ports': [{'port': 443, 'nodePort':"
                    + " 30443, 'protocol': 'TCP'}]}}"))
        .containsExactly(
            "x", "LoadBalancer", "<none>", "<pending>", "443:30443/TCP", "3d4h", "<none>");
    assertThat(
            cells(
                    printer,
                    "{"
                        + META
                        + ", 'spec': {'type': 'LoadBalancer'}, 'status': {'loadBalancer':"
                        + " {'ingress': [{'ip': '192.168.1.9'}, {'hostname': 'lb.local'}]}}}")
                .get(3))
        .isEqualTo("192.168.1.9,lb.local");
  }

  @Test
  @DisplayName("Node: STATUS from Ready plus SchedulingDisabled, ROLES from labels, VERSION")
  void node() {
    Printer printer = printer("", "Node");
    assertThat(
            cells(
                printer,
                """
                {'metadata': {'name': 'edge-1', 'creationTimestamp': '2026-11-24T10:00:00Z',
                   'labels': {'node-role.kubernetes.io/control-plane': 'true',
                              'node-role.kubernetes.io/master': 'true'}},
                 'spec': {'unschedulable': true},
                 'status': {'conditions': [{'type': 'Ready', 'status': 'True'}],
                   'nodeInfo': {'kubeletVersion': 'v1.32.0+k3j', 'osImage': 'Debian'},
                   'addresses': [{'type': 'InternalIP', 'address': '192.168.1.5'}]}}
                """))
        .containsExactly(
            "edge-1",
            "Ready,SchedulingDisabled",
            "control-plane,master",
            "120m",
            "v1.32.0+k3j",
            "192.168.1.5",
            "<none>",
            "Debian",
            "<unknown>",
            "<unknown>");
    assertThat(cells(printer, "{" + META + "}").subList(1, 3)).containsExactly("Unknown", "<none>");
  }

  @Test
  @DisplayName("Deployment: READY ready/desired, UP-TO-DATE, AVAILABLE; containers, selector wide")
  void deployment() {
    Printer printer = printer("apps", "Deployment");
    assertThat(headers(printer))
        .containsExactly(
            "Name",
            "Ready",
            "Up-to-date",
            "Available",
            "Age",
            "Containers*",
            "Images*",
            "Selector*");
    assertThat(
            cells(
                printer,
                "{"
                    + META
                    + ", 'spec': {'replicas': 3, 'selector': {'matchLabels': {'app': 'web'},"
                    + " 'matchExpressions': [{'key': 'env', 'operator': 'In', 'values': ['prod',"
                    + " 'dev']}]}, 'template': {'spec': {'containers': [{'name': 'web', 'image':"
                    + " 'nginx:1.27'}, {'name': 'log', 'image': 'busybox'}]}}}, 'status':"
                    + " {'readyReplicas': 2, 'updatedReplicas': 3, 'availableReplicas': 2}}"))
        .containsExactly(
            "x",
            "2/3",
            3L,
            2L,
            "3d4h",
            "web,log",
            "nginx:1.27,busybox",
            "app=web,env in (dev,prod)");
  }

  @Test
  @DisplayName("StatefulSet READY and DaemonSet counts with NODE SELECTOR")
  void statefulAndDaemonSets() {
    assertThat(
            cells(
                    printer("apps", "StatefulSet"),
                    "{" + META + ", 'spec': {'replicas': 2}, 'status': {'readyReplicas': 1}}")
                .subList(0, 3))
        .containsExactly("x", "1/2", "3d4h");
    assertThat(
            cells(
                    printer("apps", "DaemonSet"),
                    "{"
                        + META
                        + ", 'spec': {'template': {'spec': {'nodeSelector': {'os': 'linux'}}}},"
                        + " 'status': {'desiredNumberScheduled': 2, 'currentNumberScheduled': 2,"
                        + " 'numberReady': 1, 'updatedNumberScheduled': 2, 'numberAvailable': 1}}")
                .subList(0, 8))
        .containsExactly("x", 2L, 2L, 1L, 2L, 1L, "os=linux", "3d4h");
  }

  @Test
  @DisplayName("Job: STATUS from conditions, COMPLETIONS, DURATION start to completion")
  void job() {
    Printer printer = printer("batch", "Job");
    assertThat(headers(printer).subList(0, 5))
        .containsExactly("Name", "Status", "Completions", "Duration", "Age");
    assertThat(
            cells(
                    printer,
                    "{"
                        + META
                        + ", 'spec': {'completions': 1}, 'status': {'succeeded': 1, 'startTime':"
                        + " '2026-11-24T11:00:00Z', 'completionTime': '2026-11-24T11:00:42Z',"
                        + " 'conditions': [{'type': 'Complete', 'status': 'True'}]}}")
                .subList(0, 5))
        .containsExactly("x", "Complete", "1/1", "42s", "3d4h");
    assertThat(
            cells(
                    printer,
                    "{"
                        + META
                        + ", 'spec': {'parallelism': 3}, 'status': {'startTime':"
                        + " '2026-11-24T11:50:00Z'}}")
                .subList(1, 4))
        .containsExactly("Running", "0/1 of 3", "10m");
  }

  @Test
  @DisplayName("CronJob: SCHEDULE, TIMEZONE, SUSPEND, ACTIVE, LAST SCHEDULE")
  void cronJob() {
    assertThat(
            cells(
                    printer("batch", "CronJob"),
                    "{"
                        + META
                        + ", 'spec': {'schedule': '*/5 * * * *', 'suspend': false}, 'status':"
                        + " {'active': [{'name': 'j'}], 'lastScheduleTime':"
                        + " '2026-11-24T11:55:00Z'}}")
                .subList(0, 7))
        .containsExactly("x", "*/5 * * * *", "<none>", "False", 1L, "5m", "3d4h");
  }

  @Test
  @DisplayName("Event: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE, and SOURCE, COUNT, NAME wide")
  void events() {
    String core =
        """
        {'metadata': {'name': 'web.1'}, 'type': 'Normal', 'reason': 'Scheduled',
         'involvedObject': {'kind': 'Pod', 'name': 'web'}, 'message': 'assigned ',
         'source': {'component': 'scheduler'}, 'count': 2,
         'firstTimestamp': '2026-11-24T11:00:00Z', 'lastTimestamp': '2026-11-24T11:58:00Z'}
        """;
    assertThat(cells(printer("", "Event"), core))
        .containsExactly(
            "2m",
            "Normal",
            "Scheduled",
            "pod/web",
            "",
            "scheduler",
            "assigned",
            "60m",
            2L,
            "web.1");
    String modern =
        """
        {'metadata': {'name': 'web.2'}, 'type': 'Warning', 'reason': 'BackOff',
         'regarding': {'kind': 'Pod', 'name': 'web', 'fieldPath': 'spec.containers{app}'},
         'note': 'restarting', 'reportingController': 'kubelet', 'reportingInstance': 'edge-1',
         'eventTime': '2026-11-24T11:59:00.000000Z'}
        """;
    assertThat(cells(printer("events.k8s.io", "Event"), modern))
        .containsExactly(
            "60s",
            "Warning",
            "BackOff",
            "pod/web",
            "spec.containers{app}",
            "kubelet, edge-1",
            "restarting",
            "60s",
            1L,
            "web.2");
  }

  @Test
  @DisplayName("RoleBinding: ROLE kind/name; USERS, GROUPS, SERVICEACCOUNTS wide")
  void roleBinding() {
    assertThat(
            cells(
                printer("rbac.authorization.k8s.io", "ClusterRoleBinding"),
                "{"
                    + META
                    + ", 'roleRef': {'kind': 'ClusterRole', 'name': 'admin'}, 'subjects': [{'kind':"
                    + " 'User', 'name': 'ana'}, {'kind': 'ServiceAccount', 'name': 'ci',"
                    + " 'namespace': 'tools'}, {'kind': 'Group', 'name': 'ops'}]}"))
        .containsExactly("x", "ClusterRole/admin", "3d4h", "ana", "ops", "tools/ci");
  }

  @Test
  @DisplayName("Lease HOLDER, PriorityClass VALUE/GLOBAL-DEFAULT, default StorageClass marked")
  void clusterKinds() {
    assertThat(
            cells(
                printer("coordination.k8s.io", "Lease"),
                "{" + META + ", 'spec': {'holderIdentity': 'edge-1'}}"))
        .containsExactly("x", "edge-1", "3d4h");
    assertThat(
            cells(
                printer("scheduling.k8s.io", "PriorityClass"),
                "{" + META + ", 'value': 1000, 'preemptionPolicy': 'Never'}"))
        .containsExactly("x", 1000L, false, "3d4h", "Never");
    assertThat(
            cells(
                printer("storage.k8s.io", "StorageClass"),
                "{'metadata': {'name': 'local-path', 'creationTimestamp': '2026-11-21T08:00:00Z',"
                    + " 'annotations': {'storageclass.kubernetes.io/is-default-class': 'true'}},"
                    + " 'provisioner': 'rancher.io/local-path', 'volumeBindingMode':"
                    + " 'WaitForFirstConsumer'}"))
        .containsExactly(
            "local-path (default)",
            "rancher.io/local-path",
            "Delete",
            "WaitForFirstConsumer",
            false,
            "3d4h");
  }

  @Test
  @DisplayName("kinds without a printer (Role, CRD, LimitRange) get NAME and CREATED AT")
  void defaults() {
    for (Printer printer :
        new Printer[] {
          printer("rbac.authorization.k8s.io", "Role"),
          Printers.forType(BuiltinResources.customResourceDefinitions()),
          printer("", "LimitRange")
        }) {
      assertThat(headers(printer)).containsExactly("Name", "Created At");
      assertThat(printer.columns().get(1).type()).isEqualTo("date");
      assertThat(cells(printer, "{" + META + "}")).containsExactly("x", "2026-11-21T08:00:00Z");
    }
  }

  @Test
  @DisplayName("Ingress HOSTS and PORTS, PVC unbound, ResourceQuota REQUEST/LIMIT")
  void moreKinds() {
    assertThat(
            cells(
                printer("networking.k8s.io", "Ingress"),
                "{" + META + ", 'spec': {'rules': [{'host': 'a.example'}, {}], 'tls': [{}]}}"))
        .containsExactly("x", "<none>", "a.example", "", "80, 443", "3d4h");
    assertThat(
            cells(
                printer("", "PersistentVolumeClaim"),
                "{" + META + ", 'status': {'phase': 'Pending'}}"))
        .containsExactly("x", "Pending", "", "", "", "", "<unset>", "3d4h", "<unset>");
    assertThat(
            cells(
                printer("", "ResourceQuota"),
                "{"
                    + META
                    + ", 'status': {'hard': {'pods': '10', 'limits.cpu': '2', 'requests.cpu':"
                    + " '1'}, 'used': {'pods': '3'}}}"))
        .containsExactly("x", "pods: 3/10, requests.cpu: 0/1", "limits.cpu: 0/2", "3d4h");
  }
}
