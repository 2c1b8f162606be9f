package io.k3j.telemetry.internal.forward;

import io.k3j.telemetry.ConfigException;
import io.k3j.telemetry.DestinationConfig;
import io.k3j.telemetry.ForwardProtocol;
import io.k3j.telemetry.internal.otlp.OtlpJsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLParameters;

/**
 * Sends OTLP/HTTP requests to one destination: the stored binary protobuf, or OTLP/JSON converted
 * from it for {@code http/json}; TLS with the destination's TLS settings when set, none at all when
 * every URL is {@code http://} ({@link CleartextContext}).
 */
final class HttpUpstreamClient implements UpstreamClient {
  private static final String USER_AGENT = "k3j-telemetry-buffer/0.1";

  /**
   * Threads that run the client's own tasks: handing request bodies to the connection and
   * completing responses, none of which blocks (the forwarder goes on in its own thread). The JDK
   * client's default executor starts a thread for every task that finds none idle: 18 threads in
   * the benchmark's drain with 8 requests in flight, each with its stack and per-thread caches
   * (issue 6, telemetry-buffer/DESIGN.md, "Memory").
   */
  private static final int EXECUTOR_THREADS = 2;

  private final DestinationConfig config;
  private final Clock clock;
  private final HttpClient client;
  private final ExecutorService executor;

  HttpUpstreamClient(DestinationConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    checkHeaders(config);
    this.executor = Executors.newFixedThreadPool(EXECUTOR_THREADS, this::executorThread);
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.timeout().isZero() ? Duration.ofSeconds(10) : config.timeout())
            .executor(executor);
    if (!config.tls().isDefault()) {
      builder.sslContext(TlsContexts.sslContext(config.name(), config.tls()));
    } else if (cleartextOnly(config)) {
      builder.sslContext(CleartextContext.INSTANCE).sslParameters(new SSLParameters());
    }
    this.client = builder.build();
  }

  private Thread executorThread(Runnable task) {
    Thread thread = new Thread(task, "telemetry-http-" + config.name());
    thread.setDaemon(true);
    return thread;
  }

  /** Whether every signal's URL is {@code http://}: the client then never opens TLS. */
  private static boolean cleartextOnly(DestinationConfig config) {
    return Stream.of(config.tracesUrl(), config.metricsUrl(), config.logsUrl())
        .allMatch(url -> "http".equalsIgnoreCase(url.getScheme()));
  }

  /** The JDK client refuses some header names (Host, Connection ...): fail at start-up. */
  private static void checkHeaders(DestinationConfig config) {
    config
        .headers()
        .forEach(
            (name, value) -> {
              try {
                HttpRequest.newBuilder(config.tracesUrl()).header(name, value);
              } catch (IllegalArgumentException e) {
                throw new ConfigException(
                    "destination." + config.name() + ".header." + name, e.getMessage());
              }
            });
  }

  @Override
  public CompletableFuture<UpstreamAnswer> send(Part part) {
    boolean json = config.protocol() == ForwardProtocol.HTTP_JSON;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(UpstreamClient.url(config, part.signal()))
            .header("Content-Type", json ? "application/json" : "application/x-protobuf")
            .header("User-Agent", USER_AGENT);
    if (!config.timeout().isZero()) {
      request.timeout(config.timeout());
    }
    config.headers().forEach(request::header);
    // protobuf without gzip: the records' bytes where they are, one after the other, no copy
    List<Payload> payloads = part.payloads();
    if (json) {
      byte[] converted = OtlpJsonWriter.toJson(part.signal(), part.body());
      payloads =
          List.of(Payload.of(config.gzip() ? gzip(List.of(Payload.of(converted))) : converted));
    } else if (config.gzip()) {
      payloads = List.of(Payload.of(gzip(payloads)));
    }
    PayloadPublisher body = new PayloadPublisher(payloads);
    if (config.gzip()) {
      request.header("Content-Encoding", "gzip");
    }
    long length = payloads.stream().mapToLong(Payload::length).sum();
    return client
        .sendAsync(
            request.POST(HttpRequest.BodyPublishers.fromPublisher(body, length)).build(),
            HttpResponse.BodyHandlers.ofByteArray())
        .whenComplete((response, failure) -> body.release())
        .thenApply(
            response -> {
              UpstreamResponse answer =
                  new UpstreamResponse(
                      response.statusCode(),
                      response.headers().firstValue("Content-Type").orElse(null),
                      response.headers().firstValue("Retry-After").orElse(null),
                      response.body());
              return new UpstreamAnswer(
                  ResponseClassifier.classify(part.signal(), answer, clock), transcript(answer));
            });
  }

  private static String transcript(UpstreamResponse response) {
    return "status: "
        + response.status()
        + "\ncontent-type: "
        + response.contentType()
        + "\n\n"
        + new String(response.body(), StandardCharsets.UTF_8);
  }

  private static byte[] gzip(List<Payload> payloads) {
    int size = payloads.stream().mapToInt(Payload::length).sum();
    ByteArrayOutputStream out = new ByteArrayOutputStream(size / 4 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192)) {
      for (Payload payload : payloads) {
        gzip.write(payload.array(), payload.offset(), payload.length());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    // the JDK client of Java 17 has nothing to close; its idle connections time out. Tasks it
    // hands over after this are refused, which fails their requests.
    executor.shutdown();
  }
}
