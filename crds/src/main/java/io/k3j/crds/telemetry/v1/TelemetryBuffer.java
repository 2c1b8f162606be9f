package io.k3j.crds.telemetry.v1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A {@code telemetry.k3j.io/v1alpha1} TelemetryBuffer: an OTLP store-and-forward buffer on the node
 * that runs it, with its destinations, disk budget and full policy. The "Oldest" column is the time
 * of the oldest record a destination has not acknowledged, which kubectl prints as an age.
 */
@Group(TelemetryBuffer.GROUP)
@Version(TelemetryBuffer.VERSION)
@Plural("telemetrybuffers")
@Singular("telemetrybuffer")
@ShortNames("tb")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type=='Ready')].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Backlog",
    jsonPath = ".status.backlogBytes",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Oldest",
    jsonPath = ".status.oldestUnacknowledgedTime",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class TelemetryBuffer extends CustomResource<TelemetryBufferSpec, TelemetryBufferStatus>
    implements Namespaced {
  public static final String GROUP = "telemetry.k3j.io";
  public static final String VERSION = "v1alpha1";
}
