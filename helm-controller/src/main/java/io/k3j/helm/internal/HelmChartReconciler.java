package io.k3j.helm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.k3j.crds.StatusWriter;
import io.k3j.crds.helm.v1.FailurePolicy;
import io.k3j.crds.helm.v1.HelmChart;
import io.k3j.crds.helm.v1.HelmChartConfig;
import io.k3j.crds.helm.v1.HelmChartConfigSpec;
import io.k3j.crds.helm.v1.HelmChartSpec;
import io.k3j.crds.helm.v1.HelmChartStatus;
import io.k3j.crds.helm.v1.HelmDriver;
import io.k3j.crds.helm.v1.SecretSpec;
import io.k3j.helm.model.ChartSource;
import io.k3j.helm.model.ChartValues;
import io.k3j.helm.model.ConfigHash;
import io.k3j.helm.model.GoDuration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps each HelmChart's release installed, in named steps: skip unmanaged charts, validate, gather
 * the HelmChartConfig and values secrets, hash, and when the hash differs from the last attempt (or
 * a reinstall is due) fetch the chart, merge the values and install or upgrade through the Helm
 * library. Deleting a HelmChart uninstalls its release before the finalizer goes.
 */
@ControllerConfiguration(name = "helm-controller")
public final class HelmChartReconciler implements Reconciler<HelmChart>, Cleaner<HelmChart> {
  /** k3s's finalizer name, so that HelmCharts look the same to users. */
  public static final String FINALIZER = "wrangler.cattle.io/on-helm-chart-remove";

  /** Charts carrying this annotation are left alone (upstream). */
  static final String UNMANAGED = "helmcharts.helm.cattle.io/unmanaged";

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
  static final Duration REINSTALL_DELAY = Duration.ofSeconds(30);
  static final Duration ARCHIVE_RECHECK = Duration.ofSeconds(30);

  private final HelmReleases releases;
  private final Path chartsDir;
  private final Path workDir;
  private final Clock clock;
  private HelmChartEvents events;
  private InformerEventSource<HelmChartConfig, HelmChart> configs;

  public HelmChartReconciler(Path kubeconfig, Path chartsDir, Path workDir, Clock clock) {
    this.releases = new HelmReleases(kubeconfig);
    this.chartsDir = chartsDir;
    this.workDir = workDir;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, HelmChart>> prepareEventSources(
      EventSourceContext<HelmChart> context) {
    events = new HelmChartEvents(context.getClient(), clock);
    configs =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(HelmChartConfig.class, HelmChart.class)
                .withSecondaryToPrimaryMapper(c -> Set.of(ResourceID.fromResource(c)))
                .withPrimaryToSecondaryMapper(p -> Set.of(ResourceID.fromResource(p)))
                .build(),
            context);
    InformerEventSource<Secret, HelmChart> secrets =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Secret.class, HelmChart.class)
                .withSecondaryToPrimaryMapper(
                    secret ->
                        context
                            .getPrimaryCache()
                            .list(secret.getMetadata().getNamespace())
                            .filter(c -> triggers(c, secret.getMetadata().getName()))
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .build(),
            context);
    return List.of(configs, secrets);
  }

  /** Whether a change to the named secret must re-apply the chart (its own or its config's). */
  private boolean triggers(HelmChart chart, String secretName) {
    Stream<SecretSpec> own = stream(chart.getSpec().getValuesSecrets());
    Stream<SecretSpec> config =
        configs
            .get(ResourceID.fromResource(chart))
            .map(c -> stream(c.getSpec() == null ? null : c.getSpec().getValuesSecrets()))
            .orElse(Stream.empty());
    return Stream.concat(own, config)
        .anyMatch(
            s -> secretName.equals(s.getName()) && !Boolean.TRUE.equals(s.getIgnoreUpdates()));
  }

  private static Stream<SecretSpec> stream(List<SecretSpec> specs) {
    return specs == null ? Stream.empty() : specs.stream();
  }

  /**
   * Runs the steps, then writes what they changed: first the annotation recording the attempt (a
   * JSON merge patch of that one key), then the status through {@link StatusWriter} (a merge patch
   * of the whole status, robust against a stale cache). The last answer goes into the Operator
   * SDK's cache, so the next reconcile sees both writes.
   */
  @Override
  public UpdateControl<HelmChart> reconcile(HelmChart chart, Context<HelmChart> context) {
    if (unmanaged(chart)) {
      return UpdateControl.noUpdate();
    }
    JsonNode before = StatusWriter.snapshot(chart.getStatus());
    String applied = annotation(chart);
    UpdateControl<HelmChart> control = steps(chart, context);
    KubernetesClient client = context.getClient();
    Optional<HelmChart> annotated =
        Objects.equals(applied, annotation(chart))
            ? Optional.empty()
            : Optional.of(writeAnnotation(client, chart));
    StatusWriter.write(client, chart, chart.getStatus(), before)
        .or(() -> annotated)
        .ifPresent(
            latest ->
                context
                    .eventSourceRetriever()
                    .getControllerEventSource()
                    .handleRecentResourceUpdate(ResourceID.fromResource(chart), latest, chart));
    return control;
  }

  private static HelmChart writeAnnotation(KubernetesClient client, HelmChart chart) {
    ObjectNode patch = Serialization.jsonMapper().createObjectNode();
    patch
        .putObject("metadata")
        .putObject("annotations")
        .put(ConfigHash.ANNOTATION, annotation(chart));
    return client
        .resources(HelmChart.class)
        .inNamespace(chart.getMetadata().getNamespace())
        .withName(chart.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
  }

  private UpdateControl<HelmChart> steps(HelmChart chart, Context<HelmChart> context) {
    if (chart.getStatus() == null) {
      chart.setStatus(new HelmChartStatus());
    }
    if (chart.getSpec() == null) {
      chart.setSpec(new HelmChartSpec());
    }
    HelmChartConfigSpec config =
        context
            .getSecondaryResource(HelmChartConfig.class)
            .map(HelmChartConfig::getSpec)
            .orElse(null);
    KubernetesClient client = context.getClient();
    Attempt attempt;
    try {
      attempt = prepare(chart, config, client);
    } catch (IllegalArgumentException | IOException e) {
      return fail(chart, "InvalidSpec", e.getMessage(), null);
    }
    String applied = annotation(chart);
    HelmChartStatus status = chart.getStatus();
    boolean sameAsLast = attempt.hash().equals(applied);
    if (sameAsLast && HelmChartConditions.isTrue(status, HelmChartConditions.DEPLOYED)) {
      return recheck(UpdateControl.noUpdate(), attempt);
    }
    if (sameAsLast
        && HelmChartConditions.isTrue(status, HelmChartConditions.FAILED)
        && attempt.policy() != FailurePolicy.REINSTALL) {
      // abort: leave it failed; retry: wait for the configuration to change.
      return recheck(UpdateControl.noUpdate(), attempt);
    }
    return recheck(apply(chart, attempt, client), attempt);
  }

  /** Everything an install needs, gathered and validated; the hash covers all of it. */
  record Attempt(
      String release,
      String namespace,
      ChartSource source,
      Map<String, Object> values,
      String hash,
      FailurePolicy policy,
      Duration timeout) {}

  /** Steps 1-3: validate, gather config and secrets, merge values, hash. */
  private Attempt prepare(HelmChart chart, HelmChartConfigSpec config, KubernetesClient client)
      throws IOException {
    HelmChartSpec spec = chart.getSpec();
    String helmVersion = spec.getHelmVersion() == null ? "" : spec.getHelmVersion();
    if (!helmVersion.isEmpty() && !helmVersion.equals("v3")) {
      throw new IllegalArgumentException(
          "spec.helmVersion \"" + helmVersion + "\": only Helm v3 charts are supported");
    }
    if (spec.getDriver() == HelmDriver.CONFIGMAP) {
      throw new IllegalArgumentException(
          "spec.driver configmap is not supported: releases are stored in Secrets");
    }
    Duration timeout =
        spec.getTimeout() == null || spec.getTimeout().isBlank()
            ? DEFAULT_TIMEOUT
            : parseTimeout(spec.getTimeout());
    String namespace = chart.getMetadata().getNamespace();
    ChartSource source = ChartSource.of(spec, chartsDir);
    Map<String, Map<String, String>> secrets = new HashMap<>();
    Map<String, Map<String, String>> triggering = new HashMap<>();
    Stream.concat(
            stream(spec.getValuesSecrets()),
            config == null ? Stream.empty() : stream(config.getValuesSecrets()))
        .forEach(
            s -> {
              Map<String, String> data = secretData(client, namespace, s.getName());
              if (data != null) {
                secrets.put(s.getName(), data);
                if (!Boolean.TRUE.equals(s.getIgnoreUpdates())) {
                  triggering.put(s.getName(), data);
                }
              }
            });
    Map<String, Object> values = ChartValues.merge(spec, config, secrets);
    String archiveDigest =
        source instanceof ChartSource.LocalArchive local ? digest(local.file()) : null;
    FailurePolicy policy = spec.getFailurePolicy();
    if (config != null && config.getFailurePolicy() != null) {
      policy = config.getFailurePolicy();
    }
    String target =
        spec.getTargetNamespace() == null || spec.getTargetNamespace().isBlank()
            ? namespace
            : spec.getTargetNamespace();
    return new Attempt(
        chart.getMetadata().getName(),
        target,
        source,
        values,
        ConfigHash.of(spec, config, triggering, archiveDigest),
        policy == null ? FailurePolicy.REINSTALL : policy,
        timeout);
  }

  private static Duration parseTimeout(String text) {
    try {
      return GoDuration.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("spec.timeout: " + e.getMessage());
    }
  }

  private static Map<String, String> secretData(
      KubernetesClient client, String namespace, String name) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      return null;
    }
    Map<String, String> data = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret
          .getData()
          .forEach(
              (k, v) ->
                  data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      data.putAll(secret.getStringData());
    }
    return data;
  }

  /** SHA-256 of a local chart archive, or "missing" so that its later arrival changes the hash. */
  private static String digest(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return "missing";
    }
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Step 4: fetch the chart, write the values, reinstall if due, install or upgrade. */
  private UpdateControl<HelmChart> apply(
      HelmChart chart, Attempt attempt, KubernetesClient client) {
    HelmChartSpec spec = chart.getSpec();
    events.normal(
        chart,
        "ApplyChart",
        "Applying HelmChart from "
            + describe(attempt.source())
            + " as release "
            + attempt.namespace()
            + "/"
            + attempt.release());
    Path chartFile = null;
    Path valuesFile = null;
    String operation = "Install";
    try {
      ChartFetcher fetcher = new ChartFetcher(workDir, attempt.timeout());
      String chartRef = fetcher.fetch(attempt.source(), access(chart, client));
      if (!(attempt.source() instanceof ChartSource.LocalArchive)
          && !(attempt.source() instanceof ChartSource.Oci)) {
        chartFile = Path.of(chartRef);
      }
      Files.createDirectories(workDir);
      valuesFile = Files.createTempFile(workDir, "values-", ".yaml");
      Files.writeString(valuesFile, ChartValues.yaml(attempt.values()));
      HelmReleases.Request request =
          new HelmReleases.Request(
              attempt.release(),
              attempt.namespace(),
              chartRef,
              attempt.source() instanceof ChartSource.Oci oci ? oci.version() : null,
              valuesFile,
              Boolean.TRUE.equals(spec.getCreateNamespace()),
              (int) Math.max(1, attempt.timeout().toSeconds()),
              Boolean.TRUE.equals(spec.getPlainHTTP()),
              Boolean.TRUE.equals(spec.getInsecureSkipTLSVerify()));
      Optional<Release> current = releases.find(attempt.release(), attempt.namespace());
      if (current.isPresent()
          && !"deployed".equals(current.get().getStatus())
          && attempt.policy() == FailurePolicy.REINSTALL) {
        events.normal(
            chart,
            "Reinstall",
            "Uninstalling release in state " + current.get().getStatus() + " before installing");
        releases.uninstall(attempt.release(), attempt.namespace());
        current = Optional.empty();
      }
      Release release;
      if (current.isEmpty()) {
        release = releases.install(request);
      } else {
        operation = "Upgrade";
        release = releases.upgrade(request);
      }
      String message =
          (operation.equals("Install") ? "Installed" : "Upgraded")
              + " release "
              + attempt.namespace()
              + "/"
              + attempt.release()
              + " revision "
              + release.getRevision()
              + " ("
              + release.getChart()
              + ")";
      events.normal(chart, operation.equals("Install") ? "Installed" : "Upgraded", message);
      HelmChartStatus status = chart.getStatus();
      HelmChartConditions.set(status, HelmChartConditions.FAILED, false, null, null);
      HelmChartConditions.set(
          status, HelmChartConditions.DEPLOYED, true, operation + "Succeeded", message);
      setAnnotation(chart, attempt.hash());
      return UpdateControl.noUpdate();
    } catch (IOException | RuntimeException e) {
      return fail(chart, operation + "Failed", e.getMessage(), attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(chart, operation + "Failed", "interrupted", attempt);
    } finally {
      deleteQuietly(chartFile);
      deleteQuietly(valuesFile);
    }
  }

  private UpdateControl<HelmChart> fail(
      HelmChart chart, String reason, String message, Attempt attempt) {
    String text = message == null ? reason : message;
    HelmChartStatus status = chart.getStatus();
    boolean changed =
        HelmChartConditions.set(status, HelmChartConditions.FAILED, true, reason, text);
    HelmChartConditions.set(status, HelmChartConditions.DEPLOYED, false, reason, null);
    if (changed || attempt != null) {
      events.warning(chart, reason, text);
    }
    if (attempt == null) {
      return UpdateControl.noUpdate();
    }
    setAnnotation(chart, attempt.hash());
    UpdateControl<HelmChart> control = UpdateControl.noUpdate();
    if (attempt.policy() == FailurePolicy.REINSTALL) {
      control.rescheduleAfter(REINSTALL_DELAY);
    }
    return control;
  }

  /** Charts from the local folder are re-hashed periodically, so a replaced archive upgrades. */
  private static UpdateControl<HelmChart> recheck(UpdateControl<HelmChart> control, Attempt a) {
    if (a.source() instanceof ChartSource.LocalArchive && control.getScheduleDelay().isEmpty()) {
      control.rescheduleAfter(ARCHIVE_RECHECK);
    }
    return control;
  }

  private static ChartFetcher.Access access(HelmChart chart, KubernetesClient client) {
    HelmChartSpec spec = chart.getSpec();
    String namespace = chart.getMetadata().getNamespace();
    String username = null;
    String password = null;
    if (spec.getAuthSecret() != null) {
      Map<String, String> auth = secretData(client, namespace, spec.getAuthSecret().getName());
      if (auth == null) {
        throw new IllegalArgumentException(
            "spec.authSecret: secret \"" + spec.getAuthSecret().getName() + "\" not found");
      }
      username = auth.get("username");
      password = auth.get("password");
    }
    StringBuilder ca = new StringBuilder(spec.getRepoCA() == null ? "" : spec.getRepoCA());
    LocalObjectReference caMap = spec.getRepoCAConfigMap();
    if (caMap != null) {
      ConfigMap map = client.configMaps().inNamespace(namespace).withName(caMap.getName()).get();
      if (map == null) {
        throw new IllegalArgumentException(
            "spec.repoCAConfigMap: configmap \"" + caMap.getName() + "\" not found");
      }
      if (map.getData() != null) {
        map.getData().values().forEach(v -> ca.append('\n').append(v));
      }
    }
    return new ChartFetcher.Access(
        username,
        password,
        Boolean.TRUE.equals(spec.getAuthPassCredentials()),
        ca.toString(),
        Boolean.TRUE.equals(spec.getInsecureSkipTLSVerify()),
        Boolean.TRUE.equals(spec.getPlainHTTP()));
  }

  private static String describe(ChartSource source) {
    if (source instanceof ChartSource.Inline) {
      return "inline spec.chartContent";
    }
    if (source instanceof ChartSource.LocalArchive local) {
      return "charts folder file " + local.file().getFileName();
    }
    if (source instanceof ChartSource.ArchiveUrl url) {
      return url.url().toString();
    }
    if (source instanceof ChartSource.Oci oci) {
      return oci.ref() + (oci.version().isEmpty() ? "" : " version " + oci.version());
    }
    ChartSource.RepoChart repo = (ChartSource.RepoChart) source;
    return "chart "
        + repo.chart()
        + (repo.version().isEmpty() ? "" : " version " + repo.version())
        + " from "
        + repo.repo();
  }

  @Override
  public DeleteControl cleanup(HelmChart chart, Context<HelmChart> context) {
    if (unmanaged(chart)) {
      return DeleteControl.defaultDelete();
    }
    HelmChartSpec spec = chart.getSpec() == null ? new HelmChartSpec() : chart.getSpec();
    String target =
        spec.getTargetNamespace() == null || spec.getTargetNamespace().isBlank()
            ? chart.getMetadata().getNamespace()
            : spec.getTargetNamespace();
    String release = chart.getMetadata().getName();
    try {
      releases.uninstall(release, target);
    } catch (RuntimeException e) {
      events.warning(chart, "UninstallFailed", e.getMessage());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(REINSTALL_DELAY);
    }
    events.normal(chart, "Uninstalled", "Uninstalled release " + target + "/" + release);
    return DeleteControl.defaultDelete();
  }

  private static boolean unmanaged(HelmChart chart) {
    Map<String, String> annotations = chart.getMetadata().getAnnotations();
    return annotations != null && annotations.containsKey(UNMANAGED);
  }

  private static String annotation(HelmChart chart) {
    Map<String, String> annotations = chart.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ConfigHash.ANNOTATION);
  }

  private static void setAnnotation(HelmChart chart, String hash) {
    Map<String, String> annotations =
        chart.getMetadata().getAnnotations() == null
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(chart.getMetadata().getAnnotations());
    annotations.put(ConfigHash.ANNOTATION, hash);
    chart.getMetadata().setAnnotations(annotations);
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover temporary file is removed with the work directory on close.
    }
  }
}
