package io.k3j.registry.internal.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k3j.registry.UpstreamConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers auth challenges of one upstream and caches the result per scope: Bearer tokens until
 * {@code expires_in} (default and minimum 60 s) minus a margin, Basic for as long as it works.
 */
final class BearerTokens {
  private static final Logger LOG = LoggerFactory.getLogger(BearerTokens.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MARGIN = Duration.ofSeconds(10);

  private record Cached(String header, long expiresAtMillis) {}

  private final UpstreamConfig upstream;
  private final HttpClient http;
  private final Clock clock;
  private final Map<String, Cached> byScope = new ConcurrentHashMap<>();

  BearerTokens(UpstreamConfig upstream, HttpClient http, Clock clock) {
    this.upstream = upstream;
    this.http = http;
    this.clock = clock;
  }

  Optional<String> cached(String scope) {
    Cached c = byScope.get(scope);
    if (c == null || c.expiresAtMillis() <= clock.millis()) {
      return Optional.empty();
    }
    return Optional.of(c.header());
  }

  /** The Authorization header that answers one of the challenges, if any can be answered. */
  Optional<String> answer(List<AuthChallenge> challenges, String scope, Duration timeout)
      throws IOException, InterruptedException {
    for (AuthChallenge challenge : challenges) {
      if (challenge.scheme().equals("bearer") && challenge.param("realm") != null) {
        Optional<String> token = fetchToken(challenge, scope, timeout);
        if (token.isPresent()) {
          return token;
        }
      }
    }
    for (AuthChallenge challenge : challenges) {
      if (challenge.scheme().equals("basic") && upstream.username().isPresent()) {
        String header = basic();
        byScope.put(scope, new Cached(header, Long.MAX_VALUE));
        return Optional.of(header);
      }
    }
    return Optional.empty();
  }

  private Optional<String> fetchToken(AuthChallenge challenge, String scope, Duration timeout)
      throws IOException, InterruptedException {
    String realm = challenge.param("realm");
    String wantedScope = challenge.param("scope") != null ? challenge.param("scope") : scope;
    StringBuilder query = new StringBuilder();
    if (challenge.param("service") != null) {
      query.append("service=").append(encode(challenge.param("service")));
    }
    if (wantedScope != null) {
      query.append(query.length() == 0 ? "" : "&").append("scope=").append(encode(wantedScope));
    }
    URI uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    if (upstream.username().isPresent()
        && RealmPolicy.mayReceiveCredentials(upstream.url().getHost(), uri.getHost())) {
      request.header("Authorization", basic());
    }
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      LOG.warn(
          "token realm {} answered {} for upstream {}",
          uri.getHost(),
          response.statusCode(),
          upstream.name());
      return Optional.empty();
    }
    JsonNode body = JSON.readTree(response.body());
    String token = body.path("token").asText("");
    if (token.isEmpty()) {
      token = body.path("access_token").asText("");
    }
    if (token.isEmpty()) {
      return Optional.empty();
    }
    long expiresIn = Math.max(60, body.path("expires_in").asLong(60));
    String header = "Bearer " + token;
    long expiresAt = clock.millis() + Duration.ofSeconds(expiresIn).minus(MARGIN).toMillis();
    byScope.put(scope, new Cached(header, expiresAt));
    return Optional.of(header);
  }

  private String basic() {
    String pair = upstream.username().orElse("") + ":" + upstream.password().orElse("");
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
