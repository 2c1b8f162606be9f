package io.k3j.registry.internal.cache;

import io.k3j.registry.UpstreamConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP to one upstream registry with its authentication: Bearer token challenges (token cache per
 * scope) and Basic. Redirects are followed by hand so that {@code Authorization} never reaches
 * another host (distribution spec: clients MUST NOT forward it across hosts).
 */
public final class UpstreamClient {
  private static final int MAX_REDIRECTS = 5;

  private final UpstreamConfig upstream;
  private final HttpClient http;
  private final BearerTokens tokens;

  public UpstreamClient(UpstreamConfig upstream, HttpClient http, Clock clock) {
    this.upstream = upstream;
    this.http = http;
    this.tokens = new BearerTokens(upstream, http, clock);
  }

  public static HttpClient newHttpClient(UpstreamConfig upstream, Duration connectTimeout) {
    return HttpClient.newBuilder()
        .sslContext(UpstreamTls.context(upstream))
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout)
        .build();
  }

  public UpstreamConfig upstream() {
    return upstream;
  }

  /**
   * Sends a request for {@code path} (starting with {@code /v2/}) and returns the final response
   * with its body unread; the caller closes it.
   */
  public HttpResponse<InputStream> send(
      String method, String path, Map<String, String> headers, String scope, Duration timeout)
      throws IOException, InterruptedException {
    URI uri = URI.create(upstream.url() + path);
    Map<String, String> withAuth = new LinkedHashMap<>(headers);
    tokens.cached(scope).ifPresent(auth -> withAuth.put("Authorization", auth));
    HttpResponse<InputStream> response = follow(method, uri, withAuth, timeout);
    if (response.statusCode() == 401) {
      String challenge = response.headers().firstValue("WWW-Authenticate").orElse(null);
      response.body().close();
      Optional<String> auth = tokens.answer(AuthChallenge.parse(challenge), scope, timeout);
      if (auth.isPresent()) {
        withAuth.put("Authorization", auth.get());
        response = follow(method, uri, withAuth, timeout);
      } else {
        response = follow(method, uri, withAuth, timeout);
      }
    }
    return response;
  }

  private HttpResponse<InputStream> follow(
      String method, URI uri, Map<String, String> headers, Duration timeout)
      throws IOException, InterruptedException {
    Map<String, String> current = new LinkedHashMap<>(headers);
    URI target = uri;
    String verb = method;
    for (int hop = 0; ; hop++) {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(target)
              .timeout(timeout)
              .method(verb, HttpRequest.BodyPublishers.noBody());
      current.forEach(builder::header);
      HttpResponse<InputStream> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
      int status = response.statusCode();
      Optional<String> location = response.headers().firstValue("Location");
      if (status < 300
          || status > 399
          || status == 304
          || location.isEmpty()
          || hop >= MAX_REDIRECTS) {
        return response;
      }
      response.body().close();
      URI next = target.resolve(location.get());
      if (!sameOrigin(target, next)) {
        current.remove("Authorization");
      }
      if (status == 303) {
        verb = verb.equals("HEAD") ? "HEAD" : "GET";
      }
      target = next;
    }
  }

  static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme())
        && Objects.equals(a.getHost(), b.getHost())
        && a.getPort() == b.getPort();
  }
}
