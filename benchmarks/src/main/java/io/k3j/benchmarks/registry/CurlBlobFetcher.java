package io.k3j.benchmarks.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blob bodies through curl: one process per pull fetches every blob of it, {@code streams} at a
 * time ({@code --parallel}), into {@code /dev/null}. curl reads with 100 KiB buffers and a write to
 * {@code /dev/null} copies nothing, so from a server that sends in large pieces it spends about
 * half the JDK client's CPU per GiB received and one stream shows the server rather than the
 * client. A server that writes 32 KiB at a time (docker-registry) wakes a reader that keeps up once
 * per write, which costs curl about as much CPU as the JDK client: that is the server's cost
 * showing too. With verification on, the blobs go to files in a scratch directory instead and are
 * hashed there.
 */
final class CurlBlobFetcher implements BlobFetcher {
  /** The {@code --write-out} line of each transfer: its index in the config, status, bytes. */
  private static final Pattern RESULT = Pattern.compile("(\\d+) (\\d{3}) (\\d+)");

  private final int streams;
  private final Path scratch;

  /**
   * @param scratch where verified blobs are written and hashed; null to discard them unverified
   */
  CurlBlobFetcher(int streams, Path scratch) throws IOException {
    this.streams = streams;
    this.scratch = scratch == null ? null : Files.createDirectories(scratch);
  }

  @Override
  public long fetch(String registry, String repository, List<Blob> blobs)
      throws IOException, InterruptedException {
    // curl's config file syntax: one "option = value" per line (curl(1), --config).
    StringBuilder config = new StringBuilder();
    for (int i = 0; i < blobs.size(); i++) {
      String url = registry + "/v2/" + repository + "/blobs/" + blobs.get(i).digest();
      config.append("url = \"").append(url).append("\"\n");
      config.append("output = \"").append(output(i)).append("\"\n");
    }
    Process curl =
        new ProcessBuilder(
                "curl",
                "--silent",
                "--show-error",
                "--parallel",
                "--parallel-max",
                Integer.toString(streams),
                "--write-out",
                "%{urlnum} %{http_code} %{size_download}\\n",
                "--config",
                "-")
            .redirectErrorStream(true)
            .start();
    String output;
    int exit;
    try {
      try (OutputStream in = curl.getOutputStream()) {
        in.write(config.toString().getBytes(StandardCharsets.UTF_8));
      }
      try (InputStream out = curl.getInputStream()) {
        output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      }
      exit = curl.waitFor();
    } finally {
      curl.destroyForcibly(); // gone already unless this pull failed: it must not go on pulling
    }
    if (exit != 0) {
      throw new IOException(registry + ": curl exited with " + exit + ": " + output.strip());
    }
    Map<Integer, Matcher> results = new HashMap<>();
    for (String line : output.split("\n")) {
      Matcher m = RESULT.matcher(line.strip());
      if (m.matches()) {
        results.put(Integer.parseInt(m.group(1)), m);
      }
    }
    long bytes = 0;
    for (int i = 0; i < blobs.size(); i++) {
      bytes += checked(registry, blobs.get(i), results.get(i), i);
    }
    return bytes;
  }

  private long checked(String registry, Blob blob, Matcher result, int index) throws IOException {
    if (result == null) {
      throw new IOException(registry + ": curl reported nothing for blob " + blob.digest());
    }
    if (!result.group(2).equals("200")) {
      throw new IOException(registry + ": blob " + blob.digest() + " answered " + result.group(2));
    }
    long read = Long.parseLong(result.group(3));
    if (read != blob.size()) {
      throw new IOException(
          registry + ": blob " + blob.digest() + " had " + read + " of " + blob.size() + " bytes");
    }
    if (scratch != null) {
      Path file = output(index);
      String digest = sha256(file);
      Files.delete(file);
      if (!blob.digest().equals(digest)) {
        throw new IOException(registry + ": blob " + blob.digest() + " arrived corrupted");
      }
    }
    return read;
  }

  private Path output(int index) {
    return scratch == null ? Path.of("/dev/null") : scratch.resolve("blob-" + index);
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest sha = BenchImage.newSha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[256 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  @Override
  public void close() {
    // nothing held between pulls: each pull is a process of its own
  }
}
