package io.k3j.runtime;

import picocli.CommandLine.IVersionProvider;

/** The version recorded in the jar's manifest at build time. */
final class K3jVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = K3jVersion.class.getPackage().getImplementationVersion();
    return new String[] {"k3j version " + (version == null ? "dev" : version)};
  }
}
