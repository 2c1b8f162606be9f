package io.k3j.telemetry.operator;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
import io.k3j.crds.telemetry.v1.TelemetryBuffer;
import io.k3j.crds.telemetry.v1.TelemetryBufferStatus;
import io.k3j.telemetry.ConfigException;
import io.k3j.telemetry.TelemetryBufferConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one in-process buffer per TelemetryBuffer, in named steps: build the config from the spec
 * and its Secrets, apply it (start, reconfigure in place, or start anew when a storage setting
 * changed), and write the status when it differs from the stored one. A pass repeats every {@link
 * #STATUS_PERIOD}; a Secret change reconciles at once. A spec that cannot be applied leaves the
 * buffer running with the last good config and says why in the {@code Ready} condition. Deleting
 * the resource stops the buffer; its data directory is kept, so undelivered data is sent when the
 * resource comes back.
 */
@ControllerConfiguration(name = "telemetry-buffer")
public final class TelemetryBufferReconciler
    implements Reconciler<TelemetryBuffer>, Cleaner<TelemetryBuffer> {
  private static final Logger LOG = LoggerFactory.getLogger(TelemetryBufferReconciler.class);
  static final Duration STATUS_PERIOD = Duration.ofSeconds(5);

  private final Path dataDir;
  private final Clock clock;
  private final Map<ResourceID, Running> running = new ConcurrentHashMap<>();
  private final Map<ResourceID, String> lastFailure = new ConcurrentHashMap<>();
  private InformerEventSource<Secret, TelemetryBuffer> secrets;

  /** A buffer and the generation of the spec it was configured from. */
  private record Running(io.k3j.telemetry.TelemetryBuffer buffer, long generation) {}

  public TelemetryBufferReconciler(Path dataDir, Clock clock) {
    this.dataDir = dataDir;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, TelemetryBuffer>> prepareEventSources(
      EventSourceContext<TelemetryBuffer> context) {
    secrets =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Secret.class, TelemetryBuffer.class)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(
                    secret ->
                        context
                            .getPrimaryCache()
                            .list(secret.getMetadata().getNamespace())
                            .filter(
                                b ->
                                    BufferConfigs.secretNames(b)
                                        .contains(secret.getMetadata().getName()))
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .build(),
            context);
    return List.of(secrets);
  }

  @Override
  public UpdateControl<TelemetryBuffer> reconcile(
      TelemetryBuffer resource, Context<TelemetryBuffer> context) {
    ResourceID id = ResourceID.fromResource(resource);
    String name = name(resource);
    SpecException failure = null;
    try {
      apply(id, resource, config(id, resource));
      if (lastFailure.remove(id) != null) {
        LOG.info("TelemetryBuffer {}: spec applies again", name);
      }
    } catch (SpecException e) {
      failure = e;
    } catch (ConfigException e) {
      failure = new SpecException("InvalidSpec", e.getMessage());
    } catch (IOException | RuntimeException e) {
      failure = new SpecException("StartFailed", e.toString());
    }
    if (failure != null
        && !failure.getMessage().equals(lastFailure.put(id, failure.getMessage()))) {
      LOG.warn(
          "TelemetryBuffer {} not applied ({}): {}", name, failure.reason(), failure.getMessage());
    }
    writeStatus(resource, status(id, resource, failure), context);
    return UpdateControl.<TelemetryBuffer>noUpdate().rescheduleAfter(STATUS_PERIOD);
  }

  private TelemetryBufferConfig config(ResourceID id, TelemetryBuffer resource) {
    Path dir = dataDir.resolve(id.getNamespace().orElse("default")).resolve(id.getName());
    String namespace = resource.getMetadata().getNamespace();
    return TelemetryBufferConfig.fromMap(
        BufferConfigs.toMap(
            resource, dir, name -> secrets.get(new ResourceID(name, namespace)).orElse(null)));
  }

  /** Start, reconfigure in place, or replace when a storage setting changed. */
  private void apply(ResourceID id, TelemetryBuffer resource, TelemetryBufferConfig config)
      throws IOException {
    long generation = generation(resource);
    Running current = running.get(id);
    if (current != null && current.buffer().restartKeys(config).isEmpty()) {
      if (!current.buffer().config().equals(config)) {
        LOG.info(
            "TelemetryBuffer {}: applying the changed spec or Secrets (generation {}) in place",
            name(resource),
            generation);
      }
      current.buffer().reconfigure(config);
      running.put(id, new Running(current.buffer(), generation));
      return;
    }
    if (current != null) {
      LOG.info(
          "TelemetryBuffer {}: {} changed, restarting the buffer",
          name(resource),
          current.buffer().restartKeys(config));
      running.remove(id);
      current.buffer().close();
    }
    io.k3j.telemetry.TelemetryBuffer buffer = io.k3j.telemetry.TelemetryBuffer.start(config);
    running.put(id, new Running(buffer, generation));
    LOG.info(
        "TelemetryBuffer {} started: HTTP {}, gRPC {}, {} destination(s)",
        name(resource),
        buffer.httpPort(),
        buffer.grpcPort(),
        config.destinations().size());
  }

  private TelemetryBufferStatus status(
      ResourceID id, TelemetryBuffer resource, SpecException failure) {
    Running current = running.get(id);
    BufferStatuses.Observed observed = null;
    if (current != null) {
      io.k3j.telemetry.TelemetryBuffer buffer = current.buffer();
      TelemetryBufferConfig config = buffer.config();
      observed =
          new BufferStatuses.Observed(
              config.httpListen().host() + ":" + buffer.httpPort(),
              config.grpcListen().host() + ":" + buffer.grpcPort(),
              buffer.diskBytes(),
              buffer.destinations());
    }
    return BufferStatuses.of(
        observed,
        current == null ? null : current.generation(),
        failure,
        resource.getStatus() == null ? null : resource.getStatus().getConditions(),
        generation(resource),
        clock.instant());
  }

  /**
   * Writes the status only when it changed, through {@link StatusWriter}: a JSON merge patch with
   * nulls for fields that became unset (a caught-up destination's oldest time).
   */
  private void writeStatus(
      TelemetryBuffer resource, TelemetryBufferStatus status, Context<TelemetryBuffer> context) {
    try {
      StatusWriter.write(
          context.getClient(), resource, status, StatusWriter.snapshot(resource.getStatus()));
    } catch (KubernetesClientException e) {
      LOG.debug("TelemetryBuffer {}: status not written, next pass retries: {}", name(resource), e);
    }
  }

  private static String name(TelemetryBuffer resource) {
    return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }

  private static long generation(TelemetryBuffer resource) {
    Long generation = resource.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }

  @Override
  public DeleteControl cleanup(TelemetryBuffer resource, Context<TelemetryBuffer> context) {
    ResourceID id = ResourceID.fromResource(resource);
    lastFailure.remove(id);
    Running current = running.remove(id);
    if (current != null) {
      current.buffer().close();
      LOG.info("TelemetryBuffer {} deleted: buffer stopped, data kept", name(resource));
    }
    return DeleteControl.defaultDelete();
  }

  /** Whether a buffer runs for the resource; for tests and the operator's health. */
  boolean isRunning(ResourceID id) {
    return running.containsKey(id);
  }

  /** Stops every buffer (operator shutdown); the resources stay and restart them next time. */
  void closeAll() {
    running.values().forEach(r -> r.buffer().close());
    running.clear();
  }
}
