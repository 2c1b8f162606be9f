package io.k3j.core.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k3j.core.apiserver.ApiException;
import io.k3j.core.apiserver.resources.BuiltinResources;
import io.k3j.core.apiserver.resources.ObjectStore;
import io.k3j.core.apiserver.resources.ResourceType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The TokenRequest API ({@code serviceaccounts/<name>/token}) and the verification of the tokens it
 * issues: ES256 JWTs with upstream's claims ({@code iss}, {@code sub}, {@code aud}, {@code exp},
 * {@code iat}, {@code nbf}, {@code jti} and the private {@code kubernetes.io} claim), valid while
 * the ServiceAccount and the bound Pod or Secret exist with the uids the token names.
 */
public final class ServiceAccountTokens {
  /** k3s's {@code --service-account-issuer}. */
  public static final String ISSUER = "https://kubernetes.default.svc.cluster.local";

  /** The audiences the API server accepts, as k3s's {@code --api-audiences}. */
  public static final List<String> API_AUDIENCES = List.of(ISSUER, "k3s");

  static final String USER_PREFIX = "system:serviceaccount:";
  private static final long DEFAULT_SECONDS = 3600;
  private static final long MIN_SECONDS = 600;
  private static final long MAX_SECONDS = 1L << 32;
  private static final long CLOCK_SKEW_SECONDS = 60;

  private final ObjectStore store;
  private final ServiceAccountKey key;
  private final Clock clock;

  public ServiceAccountTokens(ObjectStore store, ServiceAccountKey key, Clock clock) {
    this.store = store;
    this.key = key;
    this.clock = clock;
  }

  /** Answers a TokenRequest for ServiceAccount {@code namespace/name}: the request with status. */
  public ObjectNode request(String namespace, String name, ObjectNode tokenRequest) {
    ObjectNode spec = spec(tokenRequest, name);
    long seconds = spec.path("expirationSeconds").asLong();
    ObjectNode account = store.get(coreType("serviceaccounts"), namespace, name);
    JsonNode ref = spec.path("boundObjectRef");
    ObjectNode bound = ref.isObject() ? boundObject(namespace, name, ref) : null;
    long now = clock.instant().getEpochSecond();
    ObjectNode claims = JsonNodeFactory.instance.objectNode();
    claims.set("aud", spec.get("audiences"));
    claims.put("exp", now + seconds);
    claims.put("iat", now);
    claims.put("iss", ISSUER);
    claims.put("jti", UUID.randomUUID().toString());
    ObjectNode kubernetes = claims.putObject("kubernetes.io");
    kubernetes.put("namespace", namespace);
    if (bound != null) {
      kubernetes.set(ref.path("kind").asText().equals("Pod") ? "pod" : "secret", reference(bound));
    }
    kubernetes.set("serviceaccount", reference(account));
    claims.put("nbf", now);
    claims.put("sub", USER_PREFIX + namespace + ":" + name);

    ObjectNode reply = JsonNodeFactory.instance.objectNode();
    reply.put("kind", "TokenRequest");
    reply.put("apiVersion", "authentication.k8s.io/v1");
    ObjectNode metadata = reply.putObject("metadata");
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    metadata.put("creationTimestamp", Instant.ofEpochSecond(now).toString());
    reply.set("spec", spec);
    ObjectNode status = reply.putObject("status");
    status.put("token", Jwt.sign(claims, key));
    status.put("expirationTimestamp", Instant.ofEpochSecond(now + seconds).toString());
    return reply;
  }

  /**
   * The user a token names, when its signature, issuer, validity window and audience hold (one of
   * {@code audiences}, or of {@link #API_AUDIENCES} when empty) and the objects it is bound to
   * still exist with the same uids.
   *
   * @throws InvalidTokenException naming what does not hold
   */
  public TokenUser verify(String token, List<String> audiences) {
    ObjectNode claims = Jwt.verify(token, key.keyPair().getPublic());
    if (!ISSUER.equals(claims.path("iss").asText())) {
      throw new InvalidTokenException("token issuer is not trusted");
    }
    long now = clock.instant().getEpochSecond();
    if (claims.path("exp").asLong() <= now) {
      throw new InvalidTokenException("service account token has expired");
    }
    if (claims.path("nbf").asLong() > now + CLOCK_SKEW_SECONDS) {
      throw new InvalidTokenException("service account token is not valid yet");
    }
    List<String> accepted = acceptedAudiences(claims.path("aud"), audiences);
    JsonNode kubernetes = claims.path("kubernetes.io");
    String namespace = kubernetes.path("namespace").asText();
    JsonNode accountRef = kubernetes.path("serviceaccount");
    String subject = USER_PREFIX + namespace + ":" + accountRef.path("name").asText();
    if (!subject.equals(claims.path("sub").asText())) {
      throw new InvalidTokenException("token subject does not match its service account claim");
    }
    String uid = requireCurrent("serviceaccounts", namespace, accountRef);
    Map<String, List<String>> extra =
        new LinkedHashMap<>(
            Map.of("authentication.kubernetes.io/credential-id", List.of("JTI=" + jti(claims))));
    JsonNode pod = kubernetes.path("pod");
    if (pod.isObject()) {
      requireCurrent("pods", namespace, pod);
      extra.put("authentication.kubernetes.io/pod-name", List.of(pod.path("name").asText()));
      extra.put("authentication.kubernetes.io/pod-uid", List.of(pod.path("uid").asText()));
    }
    if (kubernetes.path("secret").isObject()) {
      requireCurrent("secrets", namespace, kubernetes.path("secret"));
    }
    return new TokenUser(
        subject,
        uid,
        List.of(
            "system:serviceaccounts",
            "system:serviceaccounts:" + namespace,
            "system:authenticated"),
        extra,
        accepted);
  }

  /** The request's spec with upstream's defaults filled in; 422 for invalid values. */
  private static ObjectNode spec(ObjectNode tokenRequest, String name) {
    JsonNode given = tokenRequest.path("spec");
    ObjectNode spec =
        given.isObject() ? ((ObjectNode) given).deepCopy() : JsonNodeFactory.instance.objectNode();
    JsonNode seconds = spec.path("expirationSeconds");
    if (seconds.isMissingNode() || seconds.isNull()) {
      spec.put("expirationSeconds", DEFAULT_SECONDS);
    } else if (!seconds.canConvertToLong() || seconds.asLong() < MIN_SECONDS) {
      throw invalid(name, seconds, "may not specify a duration less than 10 minutes");
    } else if (seconds.asLong() > MAX_SECONDS) {
      throw invalid(name, seconds, "may not specify a duration larger than 2^32 seconds");
    }
    JsonNode audiences = spec.path("audiences");
    if (!audiences.isArray() || audiences.isEmpty()) {
      ArrayNode defaults = spec.putArray("audiences");
      API_AUDIENCES.forEach(defaults::add);
    }
    return spec;
  }

  private static ApiException invalid(String name, JsonNode seconds, String message) {
    return ApiException.invalid(
        "TokenRequest.authentication.k8s.io",
        name,
        List.of(
            new ApiException.Cause(
                "FieldValueInvalid",
                "Invalid value: " + seconds + ": " + message,
                "spec.expirationSeconds")));
  }

  /** The Pod or Secret a token is to be bound to, checked as upstream checks it. */
  private ObjectNode boundObject(String namespace, String account, JsonNode ref) {
    String kind = ref.path("kind").asText();
    String plural = kind.equals("Pod") ? "pods" : kind.equals("Secret") ? "secrets" : null;
    if (plural == null || !ref.path("apiVersion").asText("v1").equals("v1")) {
      throw ApiException.badRequest(
          "cannot bind token for serviceaccount \""
              + account
              + "\" to object of type "
              + ref.path("apiVersion").asText()
              + ", Kind="
              + kind);
    }
    ObjectNode object = store.get(coreType(plural), namespace, ref.path("name").asText());
    String uid = ref.path("uid").asText("");
    if (!uid.isEmpty() && !uid.equals(object.path("metadata").path("uid").asText())) {
      throw new ApiException(
          409,
          "Conflict",
          "Operation cannot be fulfilled on "
              + kind
              + " \""
              + ref.path("name").asText()
              + "\": the UID in the bound object reference ("
              + uid
              + ") does not match the UID in record. The object might have been deleted and then"
              + " recreated");
    }
    if (plural.equals("pods")
        && !account.equals(object.path("spec").path("serviceAccountName").asText("default"))) {
      throw ApiException.badRequest(
          "cannot bind token for serviceaccount \""
              + account
              + "\" to pod running with different serviceaccount name.");
    }
    return object;
  }

  private static ObjectNode reference(ObjectNode object) {
    ObjectNode ref = JsonNodeFactory.instance.objectNode();
    ref.put("name", object.path("metadata").path("name").asText());
    ref.put("uid", object.path("metadata").path("uid").asText());
    return ref;
  }

  private static List<String> acceptedAudiences(JsonNode claimed, List<String> requested) {
    List<String> wanted = requested.isEmpty() ? API_AUDIENCES : requested;
    List<String> accepted = new ArrayList<>();
    for (JsonNode audience : claimed.isArray() ? claimed : List.of(claimed)) {
      if (wanted.contains(audience.asText())) {
        accepted.add(audience.asText());
      }
    }
    if (accepted.isEmpty()) {
      throw new InvalidTokenException(
          "token audiences " + claimed + " is invalid for the target audiences " + wanted);
    }
    return accepted;
  }

  /** The uid of the object a claim names, failing unless it exists with the claimed uid. */
  private String requireCurrent(String plural, String namespace, JsonNode claim) {
    String name = claim.path("name").asText();
    ObjectNode object;
    try {
      object = store.get(coreType(plural), namespace, name);
    } catch (ApiException e) {
      throw new InvalidTokenException(plural + " \"" + name + "\" not found");
    }
    String uid = object.path("metadata").path("uid").asText();
    if (!uid.equals(claim.path("uid").asText())) {
      throw new InvalidTokenException(
          plural + " \"" + name + "\" has uid " + uid + ", the token names " + claim.path("uid"));
    }
    return uid;
  }

  private static String jti(ObjectNode claims) {
    return claims.path("jti").asText();
  }

  static ResourceType coreType(String plural) {
    return BuiltinResources.all().stream()
        .filter(t -> t.group().isEmpty() && t.plural().equals(plural))
        .findFirst()
        .orElseThrow();
  }
}
