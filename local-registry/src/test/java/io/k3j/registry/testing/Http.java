package io.k3j.registry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny HTTP client for tests against a registry base URL. */
public final class Http {
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;

  public Http(String base) {
    this.base = base;
  }

  public HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    try {
      return client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<byte[]> get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  public HttpResponse<byte[]> head(String path, String... headers) {
    return send("HEAD", path, null, headers);
  }

  public HttpResponse<byte[]> put(String path, byte[] body, String... headers) {
    return send("PUT", path, body, headers);
  }

  public HttpResponse<byte[]> post(String path, byte[] body, String... headers) {
    return send("POST", path, body, headers);
  }

  public HttpResponse<byte[]> patch(String path, byte[] body, String... headers) {
    return send("PATCH", path, body, headers);
  }

  public HttpResponse<byte[]> delete(String path) {
    return send("DELETE", path, null);
  }

  /** Monolithic push: POST then PUT with the whole blob. */
  public void pushBlob(String repo, byte[] blob) {
    HttpResponse<byte[]> start = post("/v2/" + repo + "/blobs/uploads/", null);
    String location = start.headers().firstValue("Location").orElseThrow();
    HttpResponse<byte[]> put =
        put(
            location + "?digest=" + TestImage.sha256(blob),
            blob,
            "Content-Type",
            "application/octet-stream");
    if (put.statusCode() != 201) {
      throw new IllegalStateException(
          "blob push failed: " + put.statusCode() + " " + new String(put.body()));
    }
  }

  public void pushImage(String repo, String tag, TestImage image) {
    for (byte[] blob : image.blobs()) {
      pushBlob(repo, blob);
    }
    HttpResponse<byte[]> put =
        put(
            "/v2/" + repo + "/manifests/" + tag,
            image.manifest(),
            "Content-Type",
            TestImage.MANIFEST_TYPE);
    if (put.statusCode() != 201) {
      throw new IllegalStateException("manifest push failed: " + put.statusCode());
    }
  }
}
