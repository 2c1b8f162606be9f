package io.k3j.core.clients.operator;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/** The Site's Service, created and updated by server-side apply and matched on its fields. */
public class SiteServiceDependentResource extends CRUDKubernetesDependentResource<Service, Site> {

  public SiteServiceDependentResource() {
    super(Service.class);
  }

  @Override
  protected Service desired(Site site, Context<Site> context) {
    return SiteModel.service(site);
  }
}
