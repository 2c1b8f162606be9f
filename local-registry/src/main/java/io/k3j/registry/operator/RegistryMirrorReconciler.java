package io.k3j.registry.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.k3j.crds.StatusWriter;
import io.k3j.crds.registry.v1.MirrorUpstream;
import io.k3j.crds.registry.v1.RegistryMirror;
import io.k3j.crds.registry.v1.RegistryMirrorStatus;
import io.k3j.registry.LocalRegistry;
import io.k3j.registry.UpstreamConfig;
import io.k3j.registry.mirror.MirrorConfigWriter;
import io.k3j.registry.mirror.MirrorTarget;
import io.k3j.registry.operator.MirrorModel.Credentials;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a RegistryMirror as named steps: build the node target, serve the upstreams (with
 * credentials and CAs from Secrets), publish the ConfigMap, write the node files, write status.
 * Deleting the mirror stops serving its upstreams and removes the files it wrote.
 */
@ControllerConfiguration(name = "registrymirror")
public final class RegistryMirrorReconciler
    implements Reconciler<RegistryMirror>, Cleaner<RegistryMirror> {
  static final String PUBLISHED = "Published";
  static final String INVALID_SPEC = "InvalidSpec";
  static final String SECRET_ERROR = "SecretError";
  static final String NODE_FILES_FAILED = "NodeFilesFailed";
  private static final Logger LOG = LoggerFactory.getLogger(RegistryMirrorReconciler.class);

  private final LocalRegistry registry;
  private final Optional<Path> nodeConfigDir;
  private final Optional<URI> defaultEndpoint;
  private final Clock clock;
  private final MirrorConfigMapDependent configMap;

  RegistryMirrorReconciler(
      LocalRegistry registry,
      Optional<Path> nodeConfigDir,
      Optional<URI> defaultEndpoint,
      Clock clock) {
    this.registry = registry;
    this.nodeConfigDir = nodeConfigDir;
    this.defaultEndpoint = defaultEndpoint;
    this.clock = clock;
    this.configMap = new MirrorConfigMapDependent(defaultEndpoint);
  }

  @Override
  public List<EventSource<?, RegistryMirror>> prepareEventSources(
      EventSourceContext<RegistryMirror> context) {
    List<EventSource<?, RegistryMirror>> sources =
        new ArrayList<>(EventSourceUtils.dependentEventSources(context, configMap));
    sources.add(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Secret.class, RegistryMirror.class)
                .withSecondaryToPrimaryMapper(
                    secret ->
                        context
                            .getPrimaryCache()
                            .list(secret.getMetadata().getNamespace())
                            .filter(m -> secretNames(m).contains(secret.getMetadata().getName()))
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .build(),
            context));
    return sources;
  }

  private static List<String> secretNames(RegistryMirror mirror) {
    return mirror.getSpec().getUpstreams().stream()
        .flatMap(
            u ->
                Stream.of(
                    u.getCredentialsSecret(), u.getTls() == null ? null : u.getTls().getCaSecret()))
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  @Override
  public UpdateControl<RegistryMirror> reconcile(
      RegistryMirror mirror, Context<RegistryMirror> context) {
    var before =
        ReadyEvents.ready(mirror.getStatus() == null ? null : mirror.getStatus().getConditions());
    JsonNode statusBefore = StatusWriter.snapshot(mirror.getStatus());
    UpdateControl<RegistryMirror> control = publish(mirror, context);
    StatusWriter.write(context.getClient(), mirror, mirror.getStatus(), statusBefore);
    ReadyEvents.onChange(
        context.getClient(),
        mirror,
        before,
        ReadyEvents.ready(mirror.getStatus().getConditions()),
        clock);
    return control;
  }

  private UpdateControl<RegistryMirror> publish(
      RegistryMirror mirror, Context<RegistryMirror> context) {
    RegistryMirrorStatus status =
        mirror.getStatus() == null ? new RegistryMirrorStatus() : mirror.getStatus();
    mirror.setStatus(status);
    status.setObservedGeneration(mirror.getMetadata().getGeneration());
    MirrorTarget target;
    List<UpstreamConfig> upstreams;
    try {
      target = MirrorModel.target(mirror, defaultEndpoint);
      upstreams = upstreams(mirror, context.getClient());
    } catch (IllegalArgumentException | MissingSecretException e) {
      String reason = e instanceof MissingSecretException ? SECRET_ERROR : INVALID_SPEC;
      return notReady(mirror, reason, e.getMessage());
    }
    serve(mirror, upstreams);
    configMap.reconcile(mirror, context);
    status.setConfigMapName(MirrorModel.configMapName(mirror));
    try {
      writeNodeFiles(mirror, MirrorModel.files(MirrorModel.registries(mirror), target));
    } catch (IOException e) {
      return notReady(mirror, NODE_FILES_FAILED, e.toString());
    }
    status.setConditions(
        Conditions.ready(
            status.getConditions(),
            true,
            PUBLISHED,
            "published to ConfigMap "
                + status.getConfigMapName()
                + (status.getFiles() == null ? "" : " and " + status.getFiles().size() + " files"),
            mirror.getMetadata().getGeneration(),
            clock.instant()));
    LOG.info(
        "registry mirror {}/{} published for {}",
        mirror.getMetadata().getNamespace(),
        mirror.getMetadata().getName(),
        MirrorModel.registries(mirror));
    return UpdateControl.noUpdate();
  }

  private UpdateControl<RegistryMirror> notReady(
      RegistryMirror mirror, String reason, String message) {
    LOG.warn(
        "registry mirror {}/{} not published: {}",
        mirror.getMetadata().getNamespace(),
        mirror.getMetadata().getName(),
        message);
    mirror
        .getStatus()
        .setConditions(
            Conditions.ready(
                mirror.getStatus().getConditions(),
                false,
                reason,
                message,
                mirror.getMetadata().getGeneration(),
                clock.instant()));
    return UpdateControl.noUpdate();
  }

  /** Step 2: the upstreams of the spec, with credentials and CA files from Secrets. */
  private List<UpstreamConfig> upstreams(RegistryMirror mirror, KubernetesClient client) {
    String namespace = mirror.getMetadata().getNamespace();
    List<UpstreamConfig> upstreams = new ArrayList<>();
    for (MirrorUpstream upstream : mirror.getSpec().getUpstreams()) {
      Optional<Credentials> credentials =
          Optional.ofNullable(upstream.getCredentialsSecret())
              .map(name -> credentials(secret(client, namespace, name)));
      Optional<Path> ca =
          Optional.ofNullable(upstream.getTls())
              .map(tls -> tls.getCaSecret())
              .map(name -> caFile(mirror, upstream, secret(client, namespace, name)));
      MirrorModel.upstream(upstream, credentials, ca).ifPresent(upstreams::add);
    }
    return upstreams;
  }

  /** Serves the new upstreams and stops serving those this mirror no longer lists. */
  private void serve(RegistryMirror mirror, List<UpstreamConfig> upstreams) {
    List<String> names = upstreams.stream().map(UpstreamConfig::name).toList();
    List<String> previous =
        mirror.getStatus().getUpstreams() == null ? List.of() : mirror.getStatus().getUpstreams();
    previous.stream().filter(n -> !names.contains(n)).forEach(registry::removeUpstream);
    upstreams.forEach(registry::putUpstream);
    mirror.getStatus().setUpstreams(names);
  }

  /** Step 4: the files on the node, replacing atomically; files no longer generated go. */
  private void writeNodeFiles(RegistryMirror mirror, Map<String, String> files) throws IOException {
    boolean wanted =
        mirror.getSpec().getNodes() == null
            || !Boolean.FALSE.equals(mirror.getSpec().getNodes().getWriteFiles());
    if (nodeConfigDir.isEmpty() || !wanted) {
      deleteFiles(mirror.getStatus().getFiles(), List.of());
      mirror.getStatus().setFiles(null);
      return;
    }
    MirrorConfigWriter.writeFiles(nodeConfigDir.get(), files);
    deleteFiles(mirror.getStatus().getFiles(), List.copyOf(files.keySet()));
    mirror.getStatus().setFiles(List.copyOf(files.keySet()));
  }

  private void deleteFiles(List<String> written, List<String> keep) throws IOException {
    if (written == null || nodeConfigDir.isEmpty()) {
      return;
    }
    for (String file : written) {
      if (!keep.contains(file)) {
        Path path = nodeConfigDir.get().resolve(file).normalize();
        if (path.startsWith(nodeConfigDir.get())) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  @Override
  public DeleteControl cleanup(RegistryMirror mirror, Context<RegistryMirror> context) {
    if (mirror.getStatus() != null) {
      if (mirror.getStatus().getUpstreams() != null) {
        mirror.getStatus().getUpstreams().forEach(registry::removeUpstream);
      }
      try {
        deleteFiles(mirror.getStatus().getFiles(), List.of());
      } catch (IOException e) {
        LOG.warn(
            "registry mirror {}/{}: node files not removed: {}",
            mirror.getMetadata().getNamespace(),
            mirror.getMetadata().getName(),
            e.toString());
      }
    }
    return DeleteControl.defaultDelete();
  }

  private static Secret secret(KubernetesClient client, String namespace, String name) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      throw new MissingSecretException("secret " + namespace + "/" + name + " not found");
    }
    return secret;
  }

  private static Credentials credentials(Secret secret) {
    return new Credentials(
        key(secret, "username").orElseThrow(() -> missingKey(secret, "username")),
        key(secret, "password").orElseThrow(() -> missingKey(secret, "password")));
  }

  private Path caFile(RegistryMirror mirror, MirrorUpstream upstream, Secret secret) {
    String pem = key(secret, "ca.crt").orElseThrow(() -> missingKey(secret, "ca.crt"));
    Path file =
        registry
            .config()
            .dataDir()
            .resolve("mirror-ca")
            .resolve(
                (mirror.getMetadata().getNamespace()
                            + "_"
                            + mirror.getMetadata().getName()
                            + "_"
                            + upstream.getName())
                        .replace(':', '_')
                    + ".pem");
    try {
      MirrorConfigWriter.writeFiles(file.getParent(), Map.of(file.getFileName().toString(), pem));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return file;
  }

  private static Optional<String> key(Secret secret, String key) {
    if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
      return Optional.of(secret.getStringData().get(key));
    }
    return Optional.ofNullable(secret.getData())
        .map(d -> d.get(key))
        .map(v -> new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8));
  }

  private static MissingSecretException missingKey(Secret secret, String key) {
    return new MissingSecretException(
        "secret "
            + secret.getMetadata().getNamespace()
            + "/"
            + secret.getMetadata().getName()
            + " has no key "
            + key);
  }

  /** A referenced Secret or key is missing. */
  static final class MissingSecretException extends RuntimeException {
    MissingSecretException(String message) {
      super(message);
    }
  }
}
