package io.k3j.registry.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-JVM upstream registry that counts requests: serves blobs and manifests from maps, can
 * demand Basic credentials or Bearer tokens from a realm, redirect blobs to another host, and hold
 * a blob body halfway until the test releases it.
 */
public final class FakeUpstream implements AutoCloseable {
  public final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  public final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
  public final Map<String, String> tags = new ConcurrentHashMap<>();
  public final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  public final List<String> tokenRequestAuthorization = new CopyOnWriteArrayList<>();
  public final List<String> redirectedAuthorization = new CopyOnWriteArrayList<>();

  public volatile String requiredToken;
  public volatile String requiredBasic;
  public volatile String realm;
  public volatile String redirectBlobsTo;
  public volatile CountDownLatch holdHalfway;

  /** When set, manifest requests wait for it (at most 30 s) before they are answered. */
  public volatile CountDownLatch holdManifests;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  public FakeUpstream() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  public int count(String method, String pathPart) {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().startsWith(method + " ") && e.getKey().contains(pathPart))
        .mapToInt(e -> e.getValue().get())
        .sum();
  }

  public void add(String repo, String tag, TestImage image) {
    for (byte[] blob : image.blobs()) {
      blobs.put(TestImage.sha256(blob), blob);
    }
    manifests.put(image.manifestDigest(), image.manifest());
    tags.put(repo + ":" + tag, image.manifestDigest());
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    counts.computeIfAbsent(method + " " + path, k -> new AtomicInteger()).incrementAndGet();
    try (ex) {
      if (path.equals("/token")) {
        tokenRequestAuthorization.add(
            String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        send(
            ex,
            200,
            ("{\"token\":\"" + requiredToken + "\",\"expires_in\":300}")
                .getBytes(StandardCharsets.UTF_8),
            "application/json",
            method);
        return;
      }
      if (path.startsWith("/cdn/")) {
        redirectedAuthorization.add(
            String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        sendBlob(ex, blobs.get(path.substring(5)), method);
        return;
      }
      if (requiredBasic != null
          && !requiredBasic.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake\"");
        send(ex, 401, "{}".getBytes(StandardCharsets.UTF_8), "application/json", method);
        return;
      }
      if (requiredToken != null
          && !("Bearer " + requiredToken)
              .equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        ex.getResponseHeaders()
            .add("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"fake\"");
        send(ex, 401, "{}".getBytes(StandardCharsets.UTF_8), "application/json", method);
        return;
      }
      if (path.endsWith("/tags/list")) {
        String repo = path.substring(4, path.length() - 10);
        String list =
            tags.keySet().stream()
                .filter(k -> k.startsWith(repo + ":"))
                .map(k -> "\"" + k.substring(repo.length() + 1) + "\"")
                .sorted()
                .collect(java.util.stream.Collectors.joining(","));
        send(
            ex,
            200,
            ("{\"name\":\"" + repo + "\",\"tags\":[" + list + "]}")
                .getBytes(StandardCharsets.UTF_8),
            "application/json",
            method);
        return;
      }
      int m = path.indexOf("/manifests/");
      int b = path.indexOf("/blobs/");
      if (m > 0) {
        CountDownLatch held = holdManifests;
        if (held != null) {
          try {
            held.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        String repo = path.substring(4, m);
        String ref = path.substring(m + 11);
        String digest = ref.contains(":") ? ref : tags.get(repo + ":" + ref);
        byte[] manifest = digest == null ? null : manifests.get(digest);
        if (manifest == null) {
          send(
              ex,
              404,
              "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8),
              "application/json",
              method);
          return;
        }
        ex.getResponseHeaders().add("Docker-Content-Digest", digest);
        boolean isIndex = new String(manifest, StandardCharsets.UTF_8).contains("\"manifests\"");
        send(ex, 200, manifest, isIndex ? TestImage.INDEX_TYPE : TestImage.MANIFEST_TYPE, method);
      } else if (b > 0) {
        String digest = path.substring(b + 7);
        if (redirectBlobsTo != null && blobs.containsKey(digest)) {
          ex.getResponseHeaders().add("Location", redirectBlobsTo + "/cdn/" + digest);
          ex.sendResponseHeaders(307, -1);
          return;
        }
        sendBlob(ex, blobs.get(digest), method);
      } else {
        send(ex, 200, "{}".getBytes(StandardCharsets.UTF_8), "application/json", method);
      }
    }
  }

  private void sendBlob(HttpExchange ex, byte[] blob, String method) throws IOException {
    if (blob == null) {
      send(
          ex,
          404,
          "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8),
          "application/json",
          method);
      return;
    }
    CountDownLatch hold = holdHalfway;
    if (hold == null || method.equals("HEAD")) {
      send(ex, 200, blob, "application/octet-stream", method);
      return;
    }
    ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
    ex.sendResponseHeaders(200, blob.length);
    OutputStream out = ex.getResponseBody();
    out.write(blob, 0, blob.length / 2);
    out.flush();
    try {
      hold.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.write(blob, blob.length / 2, blob.length - blob.length / 2);
  }

  private static void send(HttpExchange ex, int status, byte[] body, String type, String method)
      throws IOException {
    ex.getResponseHeaders().add("Content-Type", type);
    if (method.equals("HEAD")) {
      ex.getResponseHeaders().add("Content-Length", String.valueOf(body.length));
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    ex.getResponseBody().write(body);
  }

  public static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    CountDownLatch hold = holdHalfway;
    if (hold != null) {
      hold.countDown();
    }
    server.stop(0);
    executor.shutdownNow();
  }
}
