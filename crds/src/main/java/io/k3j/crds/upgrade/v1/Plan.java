package io.k3j.crds.upgrade.v1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * An {@code upgrade.cattle.io/v1} Plan: the schema and printer columns of Rancher's
 * system-upgrade-controller v0.20, so that Plans written for it apply unchanged, plus k3j's
 * optional extensions ({@code spec.retry}, {@code spec.healthGate}, {@code status.nodes}, {@code
 * status.progress} and the {@code Progress} column; docs/adr/0004-plan-extensions.md).
 */
@Group(Plan.GROUP)
@Version(Plan.VERSION)
@Plural("plans")
@Singular("plan")
@AdditionalPrinterColumn(
    name = "Image",
    jsonPath = ".spec.upgrade.image",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Channel",
    jsonPath = ".spec.channel",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Version",
    jsonPath = ".spec.version",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Complete",
    jsonPath = ".status.conditions[?(@.type=='Complete')].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Message",
    jsonPath = ".status.conditions[?(@.message!='')].message",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Progress",
    jsonPath = ".status.progress",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Applying",
    jsonPath = ".status.applying",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 10)
public class Plan extends CustomResource<PlanSpec, PlanStatus> implements Namespaced {
  public static final String GROUP = "upgrade.cattle.io";
  public static final String VERSION = "v1";
}
