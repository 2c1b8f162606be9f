package io.k3j.registry.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.registry.internal.http.Route.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RouterTest {

  @Test
  @DisplayName("suffixes are matched from the right, so names may contain 'blobs' or 'manifests'")
  void namesWithReservedComponents() {
    Route route = Router.route("/v2/team/blobs/manifests/manifests/v1");
    assertThat(route.kind()).isEqualTo(Kind.MANIFEST);
    assertThat(route.name()).isEqualTo("team/blobs/manifests");
    assertThat(route.reference()).isEqualTo("v1");

    Route blob = Router.route("/v2/a/manifests/b/blobs/sha256:abc");
    assertThat(blob.kind()).isEqualTo(Kind.BLOB);
    assertThat(blob.name()).isEqualTo("a/manifests/b");
  }

  @Test
  @DisplayName("every endpoint of the spec maps to its route kind with its query")
  void allEndpoints() {
    assertThat(Router.route("/v2/").kind()).isEqualTo(Kind.BASE);
    assertThat(Router.route("/v2").kind()).isEqualTo(Kind.BASE);
    assertThat(Router.route("/v2/_catalog?n=1").kind()).isEqualTo(Kind.CATALOG);
    assertThat(Router.route("/v2/a/b/tags/list?n=2&last=x").param("last")).isEqualTo("x");
    assertThat(Router.route("/v2/a/blobs/uploads/").kind()).isEqualTo(Kind.UPLOAD_START);
    assertThat(Router.route("/v2/a/blobs/uploads").kind()).isEqualTo(Kind.UPLOAD_START);
    Route upload = Router.route("/v2/a/blobs/uploads/1234?digest=sha256:x");
    assertThat(upload.kind()).isEqualTo(Kind.UPLOAD);
    assertThat(upload.reference()).isEqualTo("1234");
    assertThat(upload.param("digest")).isEqualTo("sha256:x");
    Route referrers = Router.route("/v2/a/referrers/sha256:x?artifactType=t%2Fx");
    assertThat(referrers.kind()).isEqualTo(Kind.REFERRERS);
    assertThat(referrers.param("artifactType")).isEqualTo("t/x");
    assertThat(Router.route("/v2/a/manifests/v1?ns=docker.io").param("ns")).isEqualTo("docker.io");
    assertThat(Router.route("/healthz").kind()).isEqualTo(Kind.HEALTH);
    assertThat(Router.route("/metrics").kind()).isEqualTo(Kind.METRICS);
    assertThat(Router.route("/v3/x").kind()).isEqualTo(Kind.NOT_FOUND);
  }
}
