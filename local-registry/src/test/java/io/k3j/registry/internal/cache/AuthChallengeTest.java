package io.k3j.registry.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

  @Test
  @DisplayName("a Bearer challenge yields realm, service and a scope whose name has host:port")
  void bearer() {
    List<AuthChallenge> challenges =
        AuthChallenge.parse(
            "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:reg.example:5000/library/alpine:pull,push\"");
    assertThat(challenges).hasSize(1);
    AuthChallenge c = challenges.get(0);
    assertThat(c.scheme()).isEqualTo("bearer");
    assertThat(c.param("realm")).isEqualTo("https://auth.docker.io/token");
    assertThat(c.param("service")).isEqualTo("registry.docker.io");
    assertThat(c.param("scope")).isEqualTo("repository:reg.example:5000/library/alpine:pull,push");
  }

  @Test
  @DisplayName("several challenges in one header are all returned, in order")
  void several() {
    List<AuthChallenge> challenges =
        AuthChallenge.parse("Basic realm=\"r1\", Bearer realm=\"https://a/t\",service=s");
    assertThat(challenges).extracting(AuthChallenge::scheme).containsExactly("basic", "bearer");
    assertThat(challenges.get(1).param("service")).isEqualTo("s");
    assertThat(AuthChallenge.parse(null)).isEmpty();
  }

  @Test
  @DisplayName("credentials go only to the upstream host or a realm in its registrable domain")
  void realmPolicy() {
    assertThat(RealmPolicy.mayReceiveCredentials("registry-1.docker.io", "auth.docker.io"))
        .isTrue();
    assertThat(RealmPolicy.mayReceiveCredentials("ghcr.io", "ghcr.io")).isTrue();
    assertThat(RealmPolicy.mayReceiveCredentials("127.0.0.1", "127.0.0.1")).isTrue();
    assertThat(RealmPolicy.mayReceiveCredentials("registry-1.docker.io", "evil.example")).isFalse();
    assertThat(RealmPolicy.mayReceiveCredentials("registry.example.com", "localhost")).isFalse();
    assertThat(RealmPolicy.mayReceiveCredentials("127.0.0.1", "localhost")).isFalse();
    assertThat(RealmPolicy.mayReceiveCredentials("a.example.co.uk", "b.other.co.uk")).isFalse();
  }
}
