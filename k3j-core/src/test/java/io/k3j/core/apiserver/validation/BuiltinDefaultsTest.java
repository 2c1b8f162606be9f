package io.k3j.core.apiserver.validation;

import static io.k3j.core.apiserver.validation.Fixtures.json;
import static io.k3j.core.apiserver.validation.Fixtures.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BuiltinDefaultsTest {

  private static ObjectNode defaulted(String group, String kind, String object) {
    ObjectNode node = json(object);
    BuiltinDefaults.apply(type(group, kind), node);
    return node;
  }

  @Test
  @DisplayName("a Pod gets upstream's spec and container defaults")
  void pod() {
    ObjectNode pod =
        defaulted(
            "",
            "Pod",
            "{spec:{containers:[{name:'a',image:'nginx',ports:[{containerPort:80}]},"
                + "{name:'b',image:'reg:5000/app:1.2'},{name:'c',image:'app:latest'}]}}");
    assertThat(pod.at("/spec"))
        .isEqualTo(
            json(
                "{containers:"
                    + pod.at("/spec/containers")
                    + ",restartPolicy:'Always',dnsPolicy:'ClusterFirst',"
                    + "schedulerName:'default-scheduler',terminationGracePeriodSeconds:30,"
                    + "securityContext:{},enableServiceLinks:true}"));
    assertThat(pod.at("/spec/containers/0"))
        .isEqualTo(
            json(
                "{name:'a',image:'nginx',ports:[{containerPort:80,protocol:'TCP'}],"
                    + "terminationMessagePath:'/dev/termination-log',"
                    + "terminationMessagePolicy:'File',imagePullPolicy:'Always',resources:{}}"));
    assertThat(pod.at("/spec/containers/1/imagePullPolicy").asText()).isEqualTo("IfNotPresent");
    assertThat(pod.at("/spec/containers/2/imagePullPolicy").asText()).isEqualTo("Always");
  }

  @Test
  @DisplayName("set fields are kept")
  void keepsValues() {
    ObjectNode pod = defaulted("", "Pod", "{spec:{restartPolicy:'Never',containers:[]}}");
    assertThat(pod.at("/spec/restartPolicy").asText()).isEqualTo("Never");
  }

  @Test
  @DisplayName("a Deployment gets replicas, strategy, history and deadline, and template defaults")
  void deployment() {
    ObjectNode deployment =
        defaulted("apps", "Deployment", "{spec:{template:{spec:{containers:[{image:'x:1'}]}}}}");
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(deployment.at("/spec/strategy"))
        .isEqualTo(
            json("{type:'RollingUpdate',rollingUpdate:{maxUnavailable:'25%',maxSurge:'25%'}}"));
    assertThat(deployment.at("/spec/revisionHistoryLimit").asInt()).isEqualTo(10);
    assertThat(deployment.at("/spec/progressDeadlineSeconds").asInt()).isEqualTo(600);
    assertThat(deployment.at("/spec/template/spec/dnsPolicy").asText()).isEqualTo("ClusterFirst");
    assertThat(deployment.at("/spec/template/spec/containers/0/imagePullPolicy").asText())
        .isEqualTo("IfNotPresent");
  }

  @Test
  @DisplayName("StatefulSet and DaemonSet update strategies")
  void statefulSetAndDaemonSet() {
    ObjectNode sts = defaulted("apps", "StatefulSet", "{spec:{}}");
    assertThat(sts.at("/spec/podManagementPolicy").asText()).isEqualTo("OrderedReady");
    assertThat(sts.at("/spec/updateStrategy"))
        .isEqualTo(json("{type:'RollingUpdate',rollingUpdate:{partition:0}}"));
    assertThat(sts.at("/spec/persistentVolumeClaimRetentionPolicy"))
        .isEqualTo(json("{whenDeleted:'Retain',whenScaled:'Retain'}"));
    ObjectNode ds = defaulted("apps", "DaemonSet", "{spec:{}}");
    assertThat(ds.at("/spec/updateStrategy"))
        .isEqualTo(json("{type:'RollingUpdate',rollingUpdate:{maxUnavailable:1,maxSurge:0}}"));
    assertThat(defaulted("apps", "ReplicaSet", "{spec:{}}").at("/spec/replicas").asInt())
        .isEqualTo(1);
  }

  @Test
  @DisplayName("a Job gets counts, mode, suspend and a selector generated from its uid")
  void job() {
    ObjectNode job =
        defaulted(
            "batch",
            "Job",
            "{metadata:{name:'pi',uid:'u-1'},spec:{template:{spec:{containers:[{image:'x'}]}}}}");
    assertThat(job.at("/spec/completions").asInt()).isEqualTo(1);
    assertThat(job.at("/spec/parallelism").asInt()).isEqualTo(1);
    assertThat(job.at("/spec/backoffLimit").asInt()).isEqualTo(6);
    assertThat(job.at("/spec/completionMode").asText()).isEqualTo("NonIndexed");
    assertThat(job.at("/spec/suspend").asBoolean()).isFalse();
    assertThat(job.at("/spec/selector"))
        .isEqualTo(json("{matchLabels:{'batch.kubernetes.io/controller-uid':'u-1'}}"));
    assertThat(job.at("/spec/template/metadata/labels"))
        .isEqualTo(
            json(
                "{'job-name':'pi','batch.kubernetes.io/job-name':'pi','controller-uid':'u-1',"
                    + "'batch.kubernetes.io/controller-uid':'u-1'}"));
  }

  @Test
  @DisplayName("manualSelector keeps the user's selector and template labels")
  void manualSelector() {
    ObjectNode job =
        defaulted(
            "batch",
            "Job",
            "{metadata:{name:'pi',uid:'u-1'},spec:{manualSelector:true,completions:3,"
                + "selector:{matchLabels:{a:'b'}},template:{metadata:{labels:{a:'b'}}}}}");
    assertThat(job.at("/spec/selector")).isEqualTo(json("{matchLabels:{a:'b'}}"));
    assertThat(job.at("/spec/parallelism").asInt()).isEqualTo(1);
    assertThat(job.at("/spec/completions").asInt()).isEqualTo(3);
    assertThat(job.at("/metadata/labels")).isEqualTo(json("{a:'b'}"));
  }

  @Test
  @DisplayName("a CronJob gets policy, suspend and history limits")
  void cronJob() {
    ObjectNode cronJob = defaulted("batch", "CronJob", "{spec:{schedule:'@daily'}}");
    assertThat(cronJob.at("/spec/concurrencyPolicy").asText()).isEqualTo("Allow");
    assertThat(cronJob.at("/spec/suspend").asBoolean()).isFalse();
    assertThat(cronJob.at("/spec/successfulJobsHistoryLimit").asInt()).isEqualTo(3);
    assertThat(cronJob.at("/spec/failedJobsHistoryLimit").asInt()).isEqualTo(1);
    assertThat(cronJob.at("/spec/jobTemplate/spec/template/spec/restartPolicy").asText())
        .isEqualTo("Always");
    assertThat(cronJob.at("/spec/jobTemplate/spec/backoffLimit").isMissingNode()).isTrue();
  }

  @Test
  @DisplayName("a Service gets type, affinity, protocol, targetPort and IP family defaults")
  void service() {
    ObjectNode service = defaulted("", "Service", "{spec:{ports:[{port:80}]}}");
    assertThat(service.at("/spec"))
        .isEqualTo(
            json(
                "{ports:[{port:80,protocol:'TCP',targetPort:80}],type:'ClusterIP',"
                    + "sessionAffinity:'None',internalTrafficPolicy:'Cluster',"
                    + "ipFamilyPolicy:'SingleStack',ipFamilies:['IPv4']}"));
    ObjectNode external =
        defaulted("", "Service", "{spec:{type:'ExternalName',externalName:'a.b'}}");
    assertThat(external.at("/spec/ipFamilies").isMissingNode()).isTrue();
  }

  @Test
  @DisplayName("Secret, Namespace, PriorityClass and binding defaults")
  void others() {
    assertThat(defaulted("", "Secret", "{}").path("type").asText()).isEqualTo("Opaque");
    ObjectNode namespace = defaulted("", "Namespace", "{metadata:{name:'team'}}");
    assertThat(namespace.at("/spec/finalizers")).isEqualTo(json("{a:['kubernetes']}").get("a"));
    assertThat(namespace.at("/status/phase").asText()).isEqualTo("Active");
    assertThat(namespace.at("/metadata/labels/kubernetes.io~1metadata.name").asText())
        .isEqualTo("team");
    assertThat(
            defaulted("scheduling.k8s.io", "PriorityClass", "{value:1}")
                .path("preemptionPolicy")
                .asText())
        .isEqualTo("PreemptLowerPriority");
    ObjectNode binding =
        defaulted(
            "rbac.authorization.k8s.io",
            "RoleBinding",
            "{roleRef:{kind:'Role',name:'r'},subjects:[{kind:'Group',name:'g'}]}");
    assertThat(binding.at("/roleRef/apiGroup").asText()).isEqualTo("rbac.authorization.k8s.io");
    assertThat(binding.at("/subjects/0/apiGroup").asText()).isEqualTo("rbac.authorization.k8s.io");
  }
}
