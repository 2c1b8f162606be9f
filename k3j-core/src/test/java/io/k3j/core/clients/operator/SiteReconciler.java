package io.k3j.core.clients.operator;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Managed dependents do the diff and apply; the reconciler only writes status when it changed, as a
 * fresh object holding nothing but the status (what JOSDK asks for with server-side apply). Being a
 * {@link Cleaner} makes JOSDK add its finalizer, which it does with server-side apply.
 */
@ControllerConfiguration(name = SiteReconciler.NAME)
@Workflow(
    dependents = {
      @Dependent(type = SiteDeploymentDependentResource.class),
      @Dependent(type = SiteServiceDependentResource.class)
    })
public class SiteReconciler implements Reconciler<Site>, Cleaner<Site> {
  static final String NAME = "site-operator";
  final AtomicInteger reconciles = new AtomicInteger();
  final AtomicInteger cleanups = new AtomicInteger();

  @Override
  public UpdateControl<Site> reconcile(Site site, Context<Site> context) {
    reconciles.incrementAndGet();
    SiteStatus status = new SiteStatus();
    status.setObservedGeneration(site.getMetadata().getGeneration());
    status.setImage(site.getSpec().getImage());
    if (status.equals(site.getStatus())) {
      return UpdateControl.noUpdate();
    }
    Site patch = new Site();
    patch.setMetadata(
        new ObjectMetaBuilder()
            .withName(site.getMetadata().getName())
            .withNamespace(site.getMetadata().getNamespace())
            .build());
    patch.setStatus(status);
    return UpdateControl.patchStatus(patch);
  }

  @Override
  public DeleteControl cleanup(Site site, Context<Site> context) {
    cleanups.incrementAndGet();
    return DeleteControl.defaultDelete();
  }
}
