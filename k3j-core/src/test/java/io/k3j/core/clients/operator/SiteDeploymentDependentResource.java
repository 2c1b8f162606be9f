package io.k3j.core.clients.operator;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/** The Site's Deployment, created and updated by server-side apply and matched on its fields. */
public class SiteDeploymentDependentResource
    extends CRUDKubernetesDependentResource<Deployment, Site> {

  public SiteDeploymentDependentResource() {
    super(Deployment.class);
  }

  @Override
  protected Deployment desired(Site site, Context<Site> context) {
    return SiteModel.deployment(site);
  }
}
