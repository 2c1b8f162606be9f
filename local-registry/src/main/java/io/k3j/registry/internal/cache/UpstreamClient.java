package io.k3j.registry.internal.cache;

import io.k3j.registry.UpstreamConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

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
    return send(
        method, path, headers, scope, timeout, BodyHandlers.ofInputStream(), UpstreamClient::close);
  }

  /**
   * GETs the blob at {@code path} and returns the final response with its body unread: the caller
   * copies it ({@link BlobBody#copyTo}) or drops it ({@link BlobBody#discard}). Each hop to a
   * plain-HTTP host goes over a connection of our own ({@link SocketBlobGet}), so the body is read
   * in large reads into direct buffers; a TLS hop (an https upstream, or a redirect to an https
   * CDN) goes through the JDK client, whose own buffers are the body ({@link UpstreamBody}).
   */
  HttpResponse<BlobBody> getBlob(String path, String scope, Duration timeout)
      throws IOException, InterruptedException {
    BodyHandler<BlobBody> buffers =
        info -> BodySubscribers.mapping(BodySubscribers.ofPublisher(), UpstreamBody::new);
    return exchange(
        "GET",
        path,
        Map.of(),
        scope,
        timeout,
        request ->
            "http".equalsIgnoreCase(request.uri().getScheme())
                ? SocketBlobGet.send(request, http.connectTimeout())
                : http.send(request, buffers),
        BlobBody::discard);
  }

  private <T> HttpResponse<T> send(
      String method,
      String path,
      Map<String, String> headers,
      String scope,
      Duration timeout,
      BodyHandler<T> handler,
      Consumer<T> discard)
      throws IOException, InterruptedException {
    return exchange(
        method, path, headers, scope, timeout, request -> http.send(request, handler), discard);
  }

  /** One HTTP exchange: the response to a request, with its body unread. */
  private interface Exchange<T> {
    HttpResponse<T> send(HttpRequest request) throws IOException, InterruptedException;
  }

  private <T> HttpResponse<T> exchange(
      String method,
      String path,
      Map<String, String> headers,
      String scope,
      Duration timeout,
      Exchange<T> exchange,
      Consumer<T> discard)
      throws IOException, InterruptedException {
    URI uri = URI.create(upstream.url() + path);
    Map<String, String> withAuth = new LinkedHashMap<>(headers);
    tokens.cached(scope).ifPresent(auth -> withAuth.put("Authorization", auth));
    HttpResponse<T> response = follow(method, uri, withAuth, timeout, exchange, discard);
    if (response.statusCode() == 401) {
      String challenge = response.headers().firstValue("WWW-Authenticate").orElse(null);
      discard.accept(response.body());
      Optional<String> auth = tokens.answer(AuthChallenge.parse(challenge), scope, timeout);
      auth.ifPresent(value -> withAuth.put("Authorization", value));
      response = follow(method, uri, withAuth, timeout, exchange, discard);
    }
    return response;
  }

  private <T> HttpResponse<T> follow(
      String method,
      URI uri,
      Map<String, String> headers,
      Duration timeout,
      Exchange<T> exchange,
      Consumer<T> discard)
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
      HttpResponse<T> response = exchange.send(builder.build());
      int status = response.statusCode();
      Optional<String> location = response.headers().firstValue("Location");
      if (status < 300
          || status > 399
          || status == 304
          || location.isEmpty()
          || hop >= MAX_REDIRECTS) {
        return response;
      }
      discard.accept(response.body());
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

  /** Drops an unread body of the JDK client's buffers; the connection is closed, not reused. */
  static void discard(Flow.Publisher<List<ByteBuffer>> body) {
    body.subscribe(
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
          }

          @Override
          public void onNext(List<ByteBuffer> item) {}

          @Override
          public void onError(Throwable throwable) {}

          @Override
          public void onComplete() {}
        });
  }

  private static void close(InputStream body) {
    try {
      body.close();
    } catch (IOException ignored) {
      // an unread body; closing drops the connection either way
    }
  }

  static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme())
        && Objects.equals(a.getHost(), b.getHost())
        && a.getPort() == b.getPort();
  }
}
