package io.k3j.suc.model;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Resolves a plan's channel URL to the latest version as upstream does: a GET that does not follow
 * redirects; a 302 answers with the last path element of its {@code Location}; a 2xx answers with
 * the last path element of the channel URL itself; anything else is an error.
 */
public final class ChannelResolver {
  static final String CLUSTER_ID_HEADER = "X-SUC-Cluster-ID";
  static final String LATEST_VERSION_HEADER = "X-SUC-Latest-Version";

  private final HttpClient http;

  public ChannelResolver(Duration connectTimeout) {
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connectTimeout)
            .build();
  }

  /**
   * The munged latest version the channel names.
   *
   * @param clusterId sent as {@code X-SUC-Cluster-ID} when not empty
   * @param currentVersion sent as {@code X-SUC-Latest-Version} when not empty
   * @throws IOException when the channel cannot be reached or answers neither 302 nor 2xx
   */
  public String resolve(String channel, String clusterId, String currentVersion)
      throws IOException, InterruptedException {
    URI uri = URI.create(channel);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    if (clusterId != null && !clusterId.isEmpty()) {
      request.header(CLUSTER_ID_HEADER, clusterId);
    }
    if (currentVersion != null && !currentVersion.isEmpty()) {
      request.header(LATEST_VERSION_HEADER, currentVersion);
    }
    HttpResponse<Void> response =
        http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    int status = response.statusCode();
    if (status == 302) {
      String location =
          response
              .headers()
              .firstValue("Location")
              .orElseThrow(
                  () -> new IOException("channel " + channel + " answered 302 without a Location"));
      return Versions.munge(Versions.lastPathElement(uri.resolve(location).getPath()));
    }
    if (status >= 200 && status < 300) {
      return Versions.munge(Versions.lastPathElement(uri.getPath()));
    }
    throw new IOException("unexpected response: HTTP " + status + " from channel " + channel);
  }
}
