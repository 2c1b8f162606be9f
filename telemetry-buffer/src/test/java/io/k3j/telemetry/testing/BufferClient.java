package io.k3j.telemetry.testing;

import com.google.protobuf.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Posts OTLP/HTTP protobuf to a buffer under test. */
public final class BufferClient {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private BufferClient() {}

  public static HttpResponse<byte[]> post(int port, String path, Message request) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  public static int postSpans(int port, String... names) throws Exception {
    return post(port, "/v1/traces", Otlp.spans(names)).statusCode();
  }
}
