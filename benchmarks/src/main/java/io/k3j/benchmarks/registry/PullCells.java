package io.k3j.benchmarks.registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * The cold and cached pull cells of one image, each measured with two clients side by side. The JDK
 * HTTP client is a registry client written in Java; curl spends up to half its CPU per GiB ({@link
 * CurlBlobFetcher}), so its rows show the registries rather than the client when one stream is as
 * fast as one client thread can copy. Only the blob bodies go through curl; the manifest is read
 * the same way for both.
 */
final class PullCells {
  private static final String TAG = RegistryBenchmark.TAG;
  private static final String WITH_CURL = " with curl";
  private static final String UPSTREAM = "upstream";
  private static final String CACHE = "cache";

  private final RegistryBenchmarkConfig config;
  private final Path root;
  private final ServerProcess upstream;
  private final ServerProcess local;
  private final ServerProcess proxy;
  private final RegistryBenchmark.Subject warmUp;
  private final RegistryReport report;
  private final Consumer<String> progress;

  PullCells(
      RegistryBenchmarkConfig config,
      Path root,
      ServerProcess upstream,
      ServerProcess local,
      ServerProcess proxy,
      RegistryBenchmark.Subject warmUp,
      RegistryReport report,
      Consumer<String> progress) {
    this.config = config;
    this.root = root;
    this.upstream = upstream;
    this.local = local;
    this.proxy = proxy;
    this.warmUp = warmUp;
    this.report = report;
    this.progress = progress;
  }

  /**
   * Direct, cold-through-cache and cached pulls of one image, as far as those cells run; without
   * the cold cell, one unmeasured pull through each cache fills it for the cells after it.
   */
  void measure(RegistryBenchmark.Subject subject) throws Exception {
    Path scratch = config.verifyDigests() ? root.resolve("curl-blobs") : null;
    try (PullClient jdk = PullClient.jdk(config.streams(), config.verifyDigests());
        PullClient curl = PullClient.curl(config.streams(), scratch)) {
      if (config.runs("cold")) {
        cold(jdk, "", subject, local, proxy);
        coldThroughFreshCaches(curl, subject);
      } else if (config.runs("cached") || config.runs("offline")) {
        progress.accept(subject.label() + ": filling each cache (not measured)");
        jdk.pull(local.url(), subject.repository(), TAG);
        jdk.pull(proxy.url(), subject.repository(), TAG);
      }
      if (config.runs("cached")) {
        CachedCell byJdk = cached(jdk, "", subject);
        CachedCell byCurl = cached(curl, WITH_CURL, subject);
        report.add(cachedRow(subject, "", byJdk, null));
        report.add(cachedRow(subject, WITH_CURL, byCurl, byJdk));
      }
    }
  }

  /**
   * The cold cell with curl, through a second pair of caches started for it (and warmed up like the
   * first), so that curl finds the image uncached as the JDK client did.
   */
  private void coldThroughFreshCaches(PullClient curl, RegistryBenchmark.Subject subject)
      throws Exception {
    Path dir = root.resolve("cold-curl");
    try (ServerProcess freshLocal =
            ServerProcess.localRegistry(dir.resolve("local"), upstream.url());
        ServerProcess freshProxy =
            ServerProcess.dockerRegistry(dir.resolve("proxy"), upstream.url())) {
      RegistryBenchmark.warmUp(config, warmUp, freshLocal, freshProxy);
      cold(curl, WITH_CURL, subject, freshLocal, freshProxy);
    } finally {
      RegistryBenchmark.deleteRecursively(dir);
    }
  }

  /**
   * Direct pulls from the upstream, then one cold pull through each of two empty caches, each with
   * the CPU every process spent on it: a row of wall times, and a row of the CPU-bound floors.
   */
  private void cold(
      PullClient client,
      String with,
      RegistryBenchmark.Subject subject,
      ServerProcess emptyLocal,
      ServerProcess emptyProxy)
      throws Exception {
    progress.accept(subject.label() + ": direct pulls from the upstream" + with);
    client.pull(upstream.url(), subject.repository(), TAG);
    PullCpu.Meter directMeter = PullCpu.start(PullCpu.part(UPSTREAM, upstream));
    List<PullClient.Pull> directPulls = rounds(client, upstream, subject);
    PullCpu directCpu =
        directMeter.stop(directPulls.stream().mapToLong(PullClient.Pull::bytes).sum());
    double direct = median(directPulls, PullClient.Pull::seconds);

    progress.accept(subject.label() + ": cold pulls through each cache" + with);
    ColdPull throughLocal = coldThrough(client, emptyLocal, subject);
    ColdPull throughDocker = coldThrough(client, emptyProxy, subject);
    report.add(
        new RegistryReport.Row(
            "Cold pull through the cache" + with + ", " + subject.label(),
            throughLocal.pull().seconds(),
            throughDocker.pull().seconds(),
            "s",
            String.format(
                Locale.ROOT,
                "≤ %.1f× the direct pull (%.2f s)",
                RegistryBenchmark.TARGET_COLD_RATIO,
                direct),
            throughLocal.pull().seconds() <= RegistryBenchmark.TARGET_COLD_RATIO * direct,
            String.format(
                Locale.ROOT,
                "direct pull from the upstream%s: %.2f s (median of %d); local / direct %.2f×",
                with,
                direct,
                config.rounds(),
                throughLocal.pull().seconds() / direct)));
    report.add(floorRow(with, subject, direct, directCpu, throughLocal, throughDocker));
  }

  /** One cold pull through a cache and the CPU the upstream, the cache and the client spent. */
  private record ColdPull(PullClient.Pull pull, PullCpu cpu) {}

  private ColdPull coldThrough(
      PullClient client, ServerProcess emptyCache, RegistryBenchmark.Subject subject)
      throws Exception {
    PullCpu.Meter meter =
        PullCpu.start(PullCpu.part(UPSTREAM, upstream), PullCpu.part(CACHE, emptyCache));
    PullClient.Pull pull = client.pull(emptyCache.url(), subject.repository(), TAG);
    return new ColdPull(pull, meter.stop(pull.bytes()));
  }

  /**
   * The shortest a cold pull of the image could take on this machine's cores if it were bound by
   * CPU alone, through each cache and directly, and the ratio of the two floors next to the
   * measured ratio: when the floors' ratio is above the target and the direct pull takes about its
   * floor, no wall time can meet the target here without the processes spending less CPU.
   */
  private RegistryReport.Row floorRow(
      String with,
      RegistryBenchmark.Subject subject,
      double direct,
      PullCpu directCpu,
      ColdPull throughLocal,
      ColdPull throughDocker) {
    int cores = Runtime.getRuntime().availableProcessors();
    long bytes = throughLocal.pull().bytes();
    double directFloor = directCpu.floorSeconds(bytes, cores);
    double localFloor = throughLocal.cpu().floorSeconds(bytes, cores);
    return new RegistryReport.Row(
        "CPU-bound floor on " + cores + " cores, cold pull" + with + ", " + subject.label(),
        localFloor,
        throughDocker.cpu().floorSeconds(bytes, cores),
        "s",
        null,
        null,
        String.format(
            Locale.ROOT,
            "direct pull's floor %.2f s; floors local / direct %.2f× (measured %.2f×);"
                + " CPU s per GiB: direct %s; through local %s; through docker %s",
            directFloor,
            localFloor / directFloor,
            throughLocal.pull().seconds() / direct,
            directCpu.describe(),
            throughLocal.cpu().describe(),
            throughDocker.cpu().describe()));
  }

  /** The cached pulls of one image from both caches with one client. */
  private record CachedCell(CachedRounds local, CachedRounds docker) {}

  /**
   * The median throughput of one cache's cached pulls and the CPU each side spent per GiB: the
   * cache process, and the client (this process and the curl processes it started). When the cores
   * are shared the total CPU per GiB decides how fast one stream goes, which the throughput alone
   * hides under a changing load. Compare the sums: on loopback the kernel's work for a transfer is
   * split between the two processes by when each one runs, and a client that spends less can leave
   * more to the cache (with curl, local-registry's share grew by about what the client's shrank).
   */
  private record CachedRounds(
      double megabytesPerSecond,
      double serverCpuPerGib,
      double clientCpuPerGib,
      double curlCpuPerGib) {}

  private CachedCell cached(PullClient client, String with, RegistryBenchmark.Subject subject)
      throws Exception {
    progress.accept(subject.label() + ": cached pulls" + with);
    return new CachedCell(
        cachedRounds(client, local, subject), cachedRounds(client, proxy, subject));
  }

  private CachedRounds cachedRounds(
      PullClient client, ServerProcess server, RegistryBenchmark.Subject subject) throws Exception {
    PullCpu.Meter meter = PullCpu.start(PullCpu.part(CACHE, server));
    List<PullClient.Pull> pulls = rounds(client, server, subject);
    PullCpu cpu = meter.stop(pulls.stream().mapToLong(PullClient.Pull::bytes).sum());
    return new CachedRounds(
        median(pulls, PullClient.Pull::megabytesPerSecond),
        cpu.perGib().get(CACHE),
        cpu.perGib().get(PullCpu.CLIENT),
        cpu.curlPerGib());
  }

  private RegistryReport.Row cachedRow(
      RegistryBenchmark.Subject subject, String with, CachedCell cell, CachedCell byJdk) {
    CachedRounds ours = cell.local();
    CachedRounds theirs = cell.docker();
    StringBuilder notes =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "median of %d pulls of %s, %d concurrent blob downloads; CPU s per GiB,"
                    + " cache + client: local %.2f + %.2f, docker %.2f + %.2f",
                config.rounds(),
                RegistryBenchmark.mebibytes(subject.image().totalBytes()),
                config.streams(),
                ours.serverCpuPerGib(),
                ours.clientCpuPerGib(),
                theirs.serverCpuPerGib(),
                theirs.clientCpuPerGib()));
    if (byJdk != null) {
      notes.append(
          String.format(
              Locale.ROOT,
              " (of the client, curl: %.2f and %.2f); throughput against the JDK client:"
                  + " local %.2f×, docker %.2f×",
              ours.curlCpuPerGib(),
              theirs.curlCpuPerGib(),
              ours.megabytesPerSecond() / byJdk.local().megabytesPerSecond(),
              theirs.megabytesPerSecond() / byJdk.docker().megabytesPerSecond()));
    }
    return new RegistryReport.Row(
        "Cached pull" + with + ", " + subject.label(),
        ours.megabytesPerSecond(),
        theirs.megabytesPerSecond(),
        "MB/s",
        String.format(
            Locale.ROOT, "≥ %.1f× docker-registry", RegistryBenchmark.TARGET_CACHED_RATIO),
        ours.megabytesPerSecond()
            >= RegistryBenchmark.TARGET_CACHED_RATIO * theirs.megabytesPerSecond(),
        notes.toString());
  }

  private List<PullClient.Pull> rounds(
      PullClient client, ServerProcess server, RegistryBenchmark.Subject subject) throws Exception {
    List<PullClient.Pull> pulls = new ArrayList<>();
    for (int i = 0; i < config.rounds(); i++) {
      pulls.add(client.pull(server.url(), subject.repository(), TAG));
    }
    return pulls;
  }

  /** The middle value, or the mean of the two middle values of an even count. */
  private static double median(
      List<PullClient.Pull> pulls, ToDoubleFunction<PullClient.Pull> metric) {
    double[] sorted = pulls.stream().mapToDouble(metric).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
