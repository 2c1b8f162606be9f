package io.k3j.addons.internal;

import io.k3j.addons.RetryBackoff;
import io.k3j.addons.internal.ManifestFolder.Entry;
import io.k3j.addons.internal.ManifestParser.ParseException;
import io.k3j.addons.internal.ObjectSetApplier.Result;
import io.k3j.crds.k3s.v1.Addon;
import io.k3j.crds.k3s.v1.GroupVersionKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over the manifests folder, as k3s's deploy controller makes it every 15 seconds:
 * disabled files are uninstalled and deleted first, skipped files are ignored, and every other
 * manifest whose modification time or size changed since it was last handled (or every manifest, on
 * a forced pass) is applied when its checksum differs from its Addon's. Each file is handled on its
 * own: an error becomes an Event on its Addon and the pass goes on. A file that cannot be parsed
 * waits until it changes; a file whose apply failed is tried again on the next pass.
 */
public final class AddonDeployer {
  private static final Logger LOG = LoggerFactory.getLogger(AddonDeployer.class);

  /** Files on some read-only stores (the Nix store) all have this time; always check them. */
  private static final FileTime EPOCH = FileTime.fromMillis(0);

  private final Path base;
  private final AddonStore addons;
  private final ObjectSetApplier applier;
  private final AddonEvents events;
  private final Clock clock;
  private final RetryBackoff backoff;
  private final Map<Path, Stamp> handled = new HashMap<>();
  private final Map<Path, Failure> failures = new HashMap<>();

  private record Stamp(FileTime modified, long size) {}

  private record Failure(Stamp stamp, int count, Instant retryAt) {}

  public AddonDeployer(
      Path base,
      AddonStore addons,
      ObjectSetApplier applier,
      AddonEvents events,
      Clock clock,
      RetryBackoff backoff) {
    this.base = base;
    this.addons = addons;
    this.applier = applier;
    this.events = events;
    this.clock = clock;
    this.backoff = backoff;
  }

  /** One pass; {@code force} applies every manifest whatever its checksum (the first pass). */
  public void pass(boolean force, Set<String> disabled) {
    List<Entry> entries;
    try {
      entries = ManifestFolder.list(base);
    } catch (IOException e) {
      LOG.error("manifests folder {} cannot be read: {}", base, e.toString());
      return;
    }
    Set<String> skips = new HashSet<>();
    for (Entry entry : entries) {
      if (entry.fileName().endsWith(ManifestFiles.SKIP_SUFFIX)) {
        String name = entry.fileName();
        skips.add(name.substring(0, name.length() - ManifestFiles.SKIP_SUFFIX.length()));
      }
    }
    for (Entry entry : entries) {
      if (!ManifestFiles.isManifest(entry.fileName())) {
        continue;
      }
      try {
        if (ManifestFiles.isDisabled(base, entry.path(), disabled)) {
          uninstall(entry);
        } else if (!skips.contains(entry.fileName())) {
          deployIfChanged(entry, force);
        }
      } catch (RuntimeException e) {
        handled.remove(entry.path());
        LOG.error("manifest {}: {}", entry.path(), ObjectSetApplier.message(e), e);
      }
    }
  }

  /**
   * Uninstalls the Addon {@code name} when its manifest file is gone: deletes its objects and the
   * Addon. A disabled name usually has a file, which a pass uninstalls; this covers the rest.
   */
  public void uninstallOrphan(String name) {
    if (ManifestFiles.invalidName(name) != null) {
      return;
    }
    Addon addon = addons.get(name);
    if (addon == null) {
      return;
    }
    String source = addon.getSpec() == null ? null : addon.getSpec().getSource();
    if (source != null && Files.exists(Path.of(source))) {
      return;
    }
    Result result = applier.remove(name, AddonStore.appliedKinds(addon));
    if (!result.ok()) {
      events.warning(
          addon,
          AddonEvents.APPLY_FAILED,
          "Removing objects of addon " + name + " failed: " + String.join("; ", result.errors()));
      return;
    }
    events.normal(addon, AddonEvents.DELETING, "Deleting addon " + name + " (disabled)");
    addons.delete(name);
  }

  private void deployIfChanged(Entry entry, boolean force) {
    Stamp stamp = new Stamp(entry.modified(), entry.size());
    if (!force && !EPOCH.equals(entry.modified()) && stamp.equals(handled.get(entry.path()))) {
      return;
    }
    Failure failure = failures.get(entry.path());
    boolean sameAsFailed = failure != null && failure.stamp().equals(stamp);
    if (!force && sameAsFailed && clock.instant().isBefore(failure.retryAt())) {
      return;
    }
    if (deploy(entry.path(), !force)) {
      handled.put(entry.path(), stamp);
      failures.remove(entry.path());
    } else {
      handled.remove(entry.path());
      int count = sameAsFailed ? failure.count() + 1 : 1;
      failures.put(
          entry.path(), new Failure(stamp, count, clock.instant().plus(backoff.after(count))));
    }
  }

  /** Applies one manifest; false when it should be tried again on the next pass. */
  private boolean deploy(Path path, boolean compareChecksum) {
    String name = ManifestFiles.addonName(path);
    String invalid = ManifestFiles.invalidName(name);
    if (invalid != null) {
      LOG.error("manifest {}: cannot be tracked as an addon: {}", path, invalid);
      return true;
    }
    String source = path.toAbsolutePath().toString();
    Addon addon = addons.getOrCreate(name, source);
    byte[] content;
    try {
      content = Files.readAllBytes(path);
    } catch (IOException e) {
      events.warning(
          addon,
          AddonEvents.READ_FAILED,
          "Read manifest at \"" + source + "\" failed: " + e.getMessage());
      return false;
    }
    String checksum = sha256(content);
    if (compareChecksum
        && addon.getSpec() != null
        && checksum.equals(addon.getSpec().getChecksum())
        && source.equals(addon.getSpec().getSource())) {
      return true;
    }
    List<ManifestObject> objects;
    try {
      objects = ManifestParser.parse(content);
    } catch (ParseException e) {
      events.warning(
          addon,
          AddonEvents.PARSE_FAILED,
          "Parse manifest at \"" + source + "\" failed: " + e.getMessage());
      return true;
    }
    events.normal(addon, AddonEvents.APPLYING, "Applying manifest at \"" + source + "\"");
    Result result = applier.apply(name, objects, AddonStore.appliedKinds(addon));
    if (!result.ok()) {
      events.warning(
          addon,
          AddonEvents.APPLY_FAILED,
          "Applying manifest at \"" + source + "\" failed: " + String.join("; ", result.errors()));
      return false;
    }
    events.normal(addon, AddonEvents.APPLIED, "Applied manifest at \"" + source + "\"");
    Set<GroupVersionKind> kinds = new LinkedHashSet<>();
    objects.forEach(o -> kinds.add(o.gvk()));
    addons.recordApplied(name, source, checksum, kinds);
    return true;
  }

  private void uninstall(Entry entry) {
    Path path = entry.path();
    String name = ManifestFiles.addonName(path);
    if (ManifestFiles.invalidName(name) != null) {
      return;
    }
    Addon addon = addons.get(name);
    Set<GroupVersionKind> kinds =
        addon == null ? new LinkedHashSet<>() : AddonStore.appliedKinds(addon);
    try {
      ManifestParser.parse(Files.readAllBytes(path)).forEach(o -> kinds.add(o.gvk()));
    } catch (IOException | ParseException e) {
      LOG.warn("disabled manifest {}: its kinds are not known from the file: {}", path, e);
    }
    Result result = applier.remove(name, kinds);
    if (!result.ok()) {
      String message =
          "Removing objects of manifest at \""
              + path.toAbsolutePath()
              + "\" failed: "
              + String.join("; ", result.errors());
      if (addon != null) {
        events.warning(addon, AddonEvents.APPLY_FAILED, message);
      } else {
        LOG.error("addon {}/{}: {}", addons.namespace(), name, message);
      }
      return;
    }
    if (entry.removable()) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        LOG.error("disabled manifest {} cannot be deleted: {}", path, e.toString());
        return;
      }
    }
    handled.remove(path);
    if (addon != null) {
      events.normal(
          addon, AddonEvents.DELETING, "Deleting manifest at \"" + path.toAbsolutePath() + "\"");
      addons.delete(name);
    } else {
      LOG.info("addon {}/{}: disabled manifest {} removed", addons.namespace(), name, path);
    }
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
