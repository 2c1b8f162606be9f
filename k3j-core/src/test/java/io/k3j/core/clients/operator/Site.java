package io.k3j.core.clients.operator;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** A web site the test operator runs as a Deployment behind a Service. */
@Group("clients.k3j.io")
@Version("v1")
public class Site extends CustomResource<SiteSpec, SiteStatus> implements Namespaced {}
