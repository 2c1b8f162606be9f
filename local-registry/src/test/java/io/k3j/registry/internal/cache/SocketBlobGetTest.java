package io.k3j.registry.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.registry.internal.store.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketBlobGetTest {
  @TempDir Path dir;
  ServerSocket server;
  ExecutorService executor;
  final CompletableFuture<String> requestHead = new CompletableFuture<>();

  /** Released when the test ends: a silent upstream holds its connection until then. */
  final CountDownLatch testEnded = new CountDownLatch(1);

  /** What the scripted upstream writes after reading a request head. */
  interface Script {
    void answer(OutputStream out) throws Exception;
  }

  @BeforeEach
  void start() throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    executor = Executors.newCachedThreadPool();
  }

  @AfterEach
  void stop() throws IOException {
    testEnded.countDown();
    server.close();
    executor.shutdownNow();
  }

  @Test
  @DisplayName(
      "a blob GET sends one HTTP/1.1 request with Host, the caller's headers and Connection: close, and copies a Content-Length body larger than its buffers to the file and the hash")
  void contentLengthBody() throws Exception {
    byte[] blob = random(1, 6 * SocketBody.BUFFER_BYTES + 12_345);
    serve(
        out -> {
          out.write(
              ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                      + blob.length
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          writeInPieces(out, blob);
        });

    HttpResponse<BlobBody> response =
        SocketBlobGet.send(get("/v2/demo/app/blobs/sha256:abc?x=1", "Bearer t0k3n"), timeout());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValueAsLong("content-length")).hasValue(blob.length);
    assertCopies(response.body(), blob);
    String head = requestHead.get(30, TimeUnit.SECONDS);
    assertThat(head)
        .startsWith("GET /v2/demo/app/blobs/sha256:abc?x=1 HTTP/1.1\r\n")
        .contains("\r\nHost: 127.0.0.1:" + server.getLocalPort() + "\r\n")
        .contains("\r\nAuthorization: Bearer t0k3n\r\n")
        .contains("\r\nConnection: close\r\n");
  }

  @Test
  @DisplayName("a chunked body is decoded on the way to the file and the hash")
  void chunkedBody() throws Exception {
    byte[] blob = random(2, 3 * SocketBody.BUFFER_BYTES + 777);
    serve(
        out -> {
          out.write(
              "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
          Random sizes = new Random(3);
          for (int at = 0; at < blob.length; ) {
            int n = Math.min(blob.length - at, 1 + sizes.nextInt(300_000));
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(blob, at, n);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            at += n;
          }
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        });

    HttpResponse<BlobBody> response = SocketBlobGet.send(get("/b", null), timeout());

    assertThat(response.headers().firstValue("Content-Length")).isEmpty();
    assertCopies(response.body(), blob);
  }

  @Test
  @DisplayName("a body that ends before its Content-Length fails the copy")
  void shortBody() throws Exception {
    serve(
        out ->
            out.write(
                "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly this"
                    .getBytes(StandardCharsets.US_ASCII)));

    HttpResponse<BlobBody> response = SocketBlobGet.send(get("/b", null), timeout());

    assertThatThrownBy(() -> copy(response.body()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("after 9 of 1000 bytes");
  }

  @Test
  @DisplayName("an upstream that sends no response head within the request timeout fails the GET")
  void headTimeout() {
    serve(out -> testEnded.await());

    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url("/b"))).timeout(Duration.ofMillis(300)).build();

    assertThatThrownBy(() -> SocketBlobGet.send(request, timeout()))
        .isInstanceOf(HttpTimeoutException.class);
  }

  private void assertCopies(BlobBody body, byte[] blob) throws Exception {
    Path file = dir.resolve("blob");
    Files.createFile(file);
    AtomicLong reported = new AtomicLong();
    Digest digest;
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE);
        PipelinedDigest hash = new PipelinedDigest("sha256", 16, executor)) {
      body.copyTo(out, hash, reported::addAndGet);
      digest = hash.digest();
    }
    assertThat(reported.get()).isEqualTo(blob.length);
    assertThat(Files.readAllBytes(file)).isEqualTo(blob);
    assertThat(digest).isEqualTo(Digest.of("sha256", blob));
  }

  private void copy(BlobBody body) throws Exception {
    Path file = Files.createFile(dir.resolve("partial"));
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE);
        PipelinedDigest hash = new PipelinedDigest("sha256", 16, executor)) {
      body.copyTo(out, hash, n -> {});
    }
  }

  /** Answers one connection: reads the request head, then runs {@code script}. */
  private void serve(Script script) {
    executor.execute(
        () -> {
          try (Socket socket = server.accept()) {
            requestHead.complete(readHead(socket.getInputStream()));
            OutputStream out = socket.getOutputStream();
            script.answer(out);
            out.flush();
          } catch (Exception e) {
            requestHead.completeExceptionally(e);
          }
        });
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("request head cut off");
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static void writeInPieces(OutputStream out, byte[] bytes) throws IOException {
    Random sizes = new Random(4);
    for (int at = 0; at < bytes.length; ) {
      int n = Math.min(bytes.length - at, 1 + sizes.nextInt(2 * SocketBody.BUFFER_BYTES));
      out.write(bytes, at, n);
      out.flush();
      at += n;
    }
  }

  private HttpRequest get(String path, String authorization) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder.build();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getLocalPort() + path;
  }

  private static Optional<Duration> timeout() {
    return Optional.of(Duration.ofSeconds(30));
  }

  private static byte[] random(long seed, int length) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
