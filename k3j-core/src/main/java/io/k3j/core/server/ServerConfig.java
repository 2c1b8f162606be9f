package io.k3j.core.server;

import io.k3j.core.datastore.Datastores;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link K3jServer} needs to start, validated when built. Names follow k3s's flags.
 *
 * @param dataDir where k3j keeps its state
 * @param datastoreEndpoint the datastore driver and location, {@code sqlite://...} by default
 * @param bindAddress the address the API listens on
 * @param httpsPort the API port (0 picks a free one)
 * @param tlsSans extra names and addresses in the serving certificate
 * @param kubeconfig where the admin kubeconfig is written
 * @param kubeconfigMode its file mode, as octal digits ({@code 0600})
 * @param token the join token or its password; null keeps or makes one
 * @param disabled components not to run ({@code --disable}); their consumers decide what a name
 *     means
 */
public record ServerConfig(
    Path dataDir,
    String datastoreEndpoint,
    String bindAddress,
    int httpsPort,
    List<String> tlsSans,
    Path kubeconfig,
    String kubeconfigMode,
    String token,
    Set<String> disabled) {

  public ServerConfig {
    if (dataDir == null) {
      throw new IllegalArgumentException("data-dir must be set");
    }
    if (datastoreEndpoint == null || datastoreEndpoint.isBlank()) {
      datastoreEndpoint = Datastores.defaultEndpoint(dataDir);
    }
    if (httpsPort < 0 || httpsPort > 65_535) {
      throw new IllegalArgumentException(
          "https-listen-port " + httpsPort + " is not a port number");
    }
    tlsSans = List.copyOf(tlsSans);
    if (kubeconfig == null) {
      kubeconfig = dataDir.resolve("k3j.yaml");
    }
    permissions(kubeconfigMode);
    disabled =
        disabled == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(disabled));
  }

  /** The defaults for a data directory: all interfaces, port 6443. */
  public static ServerConfig forDataDir(Path dataDir) {
    return new ServerConfig(
        dataDir, null, "0.0.0.0", 6443, List.of(), null, "0600", null, Set.of());
  }

  /** The same, listening on loopback on a free port: what tests use. */
  public static ServerConfig forTests(Path dataDir) {
    return new ServerConfig(dataDir, null, "127.0.0.1", 0, List.of(), null, "0600", null, Set.of());
  }

  /** The same configuration on another port (a restarted test server keeps its port). */
  public ServerConfig withHttpsPort(int port) {
    return new ServerConfig(
        dataDir,
        datastoreEndpoint,
        bindAddress,
        port,
        tlsSans,
        kubeconfig,
        kubeconfigMode,
        token,
        disabled);
  }

  /** The kubeconfig's permissions from its octal mode. */
  public Set<PosixFilePermission> kubeconfigPermissions() {
    return permissions(kubeconfigMode);
  }

  private static Set<PosixFilePermission> permissions(String mode) {
    if (mode == null || !mode.matches("0?[0-7]{3}")) {
      throw new IllegalArgumentException(
          "write-kubeconfig-mode " + mode + " is not an octal file mode such as 0600 or 644");
    }
    int bits = Integer.parseInt(mode, 8);
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_READ
    };
    for (int i = 0; i < order.length; i++) {
      if ((bits & (1 << i)) != 0) {
        permissions.add(order[i]);
      }
    }
    return permissions;
  }
}
