package io.k3j.addons;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k3j.addons.internal.AddonDeployer;
import io.k3j.addons.internal.AddonEvents;
import io.k3j.addons.internal.AddonStore;
import io.k3j.addons.internal.ApiResources;
import io.k3j.addons.internal.FolderWatch;
import io.k3j.addons.internal.ManifestFiles;
import io.k3j.addons.internal.ObjectSetApplier;
import io.k3j.crds.CrdInstaller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manifests folder ({@code <data-dir>/server/manifests}) with k3s's semantics (k3s {@code
 * pkg/deploy/controller.go}, docs "Packaged Components"): every {@code .yaml}, {@code .yml} and
 * {@code .json} file below it is applied at start and whenever it changes, as one {@code
 * k3s.cattle.io/v1} Addon in {@code kube-system} named after the file; objects removed from a file
 * are pruned; {@code foo.yaml.skip} leaves {@code foo.yaml} alone; a disabled name has its file,
 * its objects and its Addon removed. Deleting a file leaves its objects in place, as in k3s.
 *
 * <p>Changes are noticed through file-system events, and by a scan every {@link
 * DeployerConfig#interval()} that also retries failed applies (the only mechanism when events are
 * not available or {@link DeployerConfig#polling()} is set). All work runs on one thread.
 */
public final class ManifestsDeployer implements AutoCloseable {
  /** The namespace of the Addon objects. */
  public static final String NAMESPACE = "kube-system";

  private static final Logger LOG = LoggerFactory.getLogger(ManifestsDeployer.class);
  private static final long SETTLE_MILLIS = 200;

  private final Path dir;
  private final Set<String> disabled = ConcurrentHashMap.newKeySet();
  private final AddonDeployer deployer;
  private final ScheduledExecutorService executor;
  private final AtomicBoolean passPending = new AtomicBoolean();
  private volatile FolderWatch watch;

  private ManifestsDeployer(Path dir, Set<String> disabled, AddonDeployer deployer) {
    this.dir = dir;
    this.disabled.addAll(disabled);
    this.deployer = deployer;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "k3j-deploy");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts with {@link DeployerConfig#defaults()}. */
  public static ManifestsDeployer start(
      KubernetesClient client, Path manifestsDir, Set<String> disabled) {
    return start(client, manifestsDir, disabled, DeployerConfig.defaults());
  }

  /**
   * Installs the Addon CRD, creates {@code manifestsDir} if needed, and starts applying it: the
   * first pass (which applies every file) runs in the background right away.
   */
  public static ManifestsDeployer start(
      KubernetesClient client, Path manifestsDir, Set<String> disabled, DeployerConfig config) {
    CrdInstaller.install(client, "/crds/addons.k3s.cattle.io-v1.yml");
    try {
      Files.createDirectories(manifestsDir);
    } catch (IOException e) {
      throw new UncheckedIOException("manifests folder " + manifestsDir + " cannot be created", e);
    }
    ApiResources resources = new ApiResources(client);
    AddonDeployer deployer =
        new AddonDeployer(
            manifestsDir,
            new AddonStore(client, NAMESPACE),
            new ObjectSetApplier(client, resources, NAMESPACE),
            new AddonEvents(client, Clock.systemUTC()),
            Clock.systemUTC(),
            config.retry());
    ManifestsDeployer manifests = new ManifestsDeployer(manifestsDir, disabled, deployer);
    manifests.executor.execute(() -> manifests.pass(true));
    long interval = config.interval().toMillis();
    manifests.executor.scheduleWithFixedDelay(
        () -> manifests.pass(false), interval, interval, TimeUnit.MILLISECONDS);
    if (!config.polling()) {
      manifests.watch = FolderWatch.start(manifestsDir, manifests::requestPass);
    }
    LOG.info(
        "manifests folder {}: deploying ({}, every {} ms), disabled {}",
        manifestsDir,
        manifests.watch == null ? "polling" : "file-system events",
        interval,
        disabled);
    return manifests;
  }

  /**
   * Disables {@code name} from now on (as {@code --disable NAME} does at start): the matching files
   * are deleted with their objects and Addons, and so is an Addon of that name whose file is gone.
   * Returns when done.
   */
  public void disable(String name) {
    disabled.add(name);
    try {
      executor
          .submit(
              () -> {
                pass(false);
                deployer.uninstallOrphan(name);
              })
          .get(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("disabling " + name + " failed: " + e, e);
    }
  }

  /**
   * Writes a bundled add-on into the manifests folder as k3s stages its packaged components: not
   * when its name ({@code fileName} without extension) is disabled, and only when the content
   * differs from the file there, through a temporary file renamed into place so a pass never sees
   * half a file. Returns whether the file was written.
   */
  public static boolean stage(
      Path manifestsDir, String fileName, byte[] content, Set<String> disabled) {
    if (disabled.contains(ManifestFiles.disableName(fileName))) {
      return false;
    }
    Path target = manifestsDir.resolve(fileName);
    try {
      if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content)) {
        return false;
      }
      Files.createDirectories(manifestsDir);
      Path temporary = manifestsDir.resolve("." + fileName + ".tmp");
      Files.write(temporary, content);
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("staging " + target + " failed", e);
    }
  }

  private void requestPass() {
    if (passPending.compareAndSet(false, true)) {
      try {
        // Wait a moment so that a file being written is read once it is complete.
        executor.schedule(
            () -> {
              passPending.set(false);
              pass(false);
            },
            SETTLE_MILLIS,
            TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // closing
      }
    }
  }

  private void pass(boolean force) {
    try {
      deployer.pass(force, Set.copyOf(disabled));
      FolderWatch w = watch;
      if (w != null) {
        w.register(dir);
      }
    } catch (RuntimeException e) {
      LOG.error("manifests folder {}: pass failed: {}", dir, e.toString(), e);
    }
  }

  @Override
  public void close() {
    FolderWatch w = watch;
    if (w != null) {
      w.close();
    }
    executor.shutdown(); // a pass under way finishes; the scheduled ones are dropped
    try {
      if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
        executor.shutdownNow();
        LOG.warn("manifests folder {}: the deploy thread did not stop in time", dir);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
