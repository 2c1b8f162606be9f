package io.k3j.crds.telemetry.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;

/** The desired state of a {@link TelemetryBuffer}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TelemetryBufferSpec {
  /** Where the OTLP receivers listen; defaults 0.0.0.0:4318 (HTTP) and 0.0.0.0:4317 (gRPC). */
  private ListenSpec listen;

  /** Upper bound of the queue files on disk, e.g. {@code 10Gi}; default 1Gi. */
  private Quantity maxDisk;

  /** Free space always left on the volume, e.g. {@code 256Mi} (the default). */
  private Quantity minFreeDisk;

  /** {@code block} (the default: refuse with a retryable error) or {@code drop-oldest}. */
  @Pattern("^(block|drop-oldest)$")
  private String fullPolicy;

  /** Upstream OTLP endpoints; each keeps its own acknowledged position. */
  private List<DestinationSpec> destinations;

  public ListenSpec getListen() {
    return listen;
  }

  public void setListen(ListenSpec listen) {
    this.listen = listen;
  }

  public Quantity getMaxDisk() {
    return maxDisk;
  }

  public void setMaxDisk(Quantity maxDisk) {
    this.maxDisk = maxDisk;
  }

  public Quantity getMinFreeDisk() {
    return minFreeDisk;
  }

  public void setMinFreeDisk(Quantity minFreeDisk) {
    this.minFreeDisk = minFreeDisk;
  }

  public String getFullPolicy() {
    return fullPolicy;
  }

  public void setFullPolicy(String fullPolicy) {
    this.fullPolicy = fullPolicy;
  }

  public List<DestinationSpec> getDestinations() {
    return destinations;
  }

  public void setDestinations(List<DestinationSpec> destinations) {
    this.destinations = destinations;
  }
}
