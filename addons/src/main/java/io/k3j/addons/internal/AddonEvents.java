package io.k3j.addons.internal;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.k3j.crds.k3s.v1.Addon;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * core/v1 Events on an Addon with the reasons of k3s's deploy controller, each also one log line
 * naming the Addon.
 */
public final class AddonEvents {
  public static final String APPLYING = "ApplyingManifest";
  public static final String APPLIED = "AppliedManifest";
  public static final String APPLY_FAILED = "ApplyManifestFailed";
  public static final String PARSE_FAILED = "ParseManifestFailed";
  public static final String READ_FAILED = "ReadManifestFailed";
  public static final String DELETING = "DeletingManifest";

  /** The component k3s's deploy controller reports as the event source. */
  static final String COMPONENT = "deploy";

  private static final Logger LOG = LoggerFactory.getLogger(AddonEvents.class);
  private final KubernetesClient client;
  private final Clock clock;

  public AddonEvents(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void normal(Addon addon, String reason, String message) {
    LOG.info("addon {}/{}: {}: {}", namespace(addon), name(addon), reason, message);
    emit(addon, "Normal", reason, message);
  }

  public void warning(Addon addon, String reason, String message) {
    LOG.warn("addon {}/{}: {}: {}", namespace(addon), name(addon), reason, message);
    emit(addon, "Warning", reason, message);
  }

  private void emit(Addon addon, String type, String reason, String message) {
    String now = clock.instant().toString();
    try {
      client
          .v1()
          .events()
          .inNamespace(namespace(addon))
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(name(addon) + "." + UUID.randomUUID())
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withApiVersion(addon.getApiVersion())
                  .withKind(addon.getKind())
                  .withName(name(addon))
                  .withNamespace(namespace(addon))
                  .withUid(addon.getMetadata().getUid())
                  .withResourceVersion(addon.getMetadata().getResourceVersion())
                  .endInvolvedObject()
                  .withType(type)
                  .withReason(reason)
                  .withMessage(message)
                  .withNewSource(COMPONENT, null)
                  .withReportingComponent(COMPONENT)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      // An event that cannot be written must not stop the other manifests.
      LOG.warn("addon {}/{}: event {} not recorded: {}", namespace(addon), name(addon), reason, e);
    }
  }

  private static String name(Addon addon) {
    return addon.getMetadata().getName();
  }

  private static String namespace(Addon addon) {
    return addon.getMetadata().getNamespace();
  }
}
