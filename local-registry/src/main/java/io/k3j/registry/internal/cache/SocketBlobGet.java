package io.k3j.registry.internal.cache;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLSession;

/**
 * One HTTP/1.1 GET of a blob from a plain-HTTP upstream over a connection of our own, so that the
 * body can be read in large reads into direct buffers ({@link SocketBody}) instead of through the
 * JDK HTTP client's heap buffers and its selector thread. The request and response head follow RFC
 * 9112; the connection carries this one exchange ({@code Connection: close}). Redirects and
 * authentication stay with {@link UpstreamClient}, which calls this once per hop.
 */
final class SocketBlobGet {
  /** Longest response head accepted. */
  static final int MAX_HEAD = 64 * 1024;

  private SocketBlobGet() {}

  /**
   * Connects within {@code connectTimeout}, sends {@code request} (a GET of an {@code http} URI
   * with its headers) and reads the response head within the request's timeout; the body is left on
   * the connection for the caller to copy or discard.
   */
  static HttpResponse<BlobBody> send(HttpRequest request, Optional<Duration> connectTimeout)
      throws IOException {
    URI uri = request.uri();
    if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("not a plain-HTTP URI: " + uri);
    }
    String host = uri.getHost();
    int port = uri.getPort() == -1 ? 80 : uri.getPort();
    SocketChannel channel = SocketChannel.open();
    try {
      String address = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      channel
          .socket()
          .connect(
              new InetSocketAddress(address, port),
              (int) connectTimeout.map(Duration::toMillis).orElse(0L).longValue());
      channel.socket().setTcpNoDelay(true);
      ByteBuffer head = ByteBuffer.wrap(requestHead(request).getBytes(StandardCharsets.ISO_8859_1));
      while (head.hasRemaining()) {
        channel.write(head);
      }
      long timeoutNanos = request.timeout().map(Duration::toNanos).orElse(0L);
      return readResponse(channel, request, timeoutNanos);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * The request head; {@link HttpRequest} has already refused names and values with line breaks.
   */
  static String requestHead(HttpRequest request) {
    URI uri = request.uri();
    String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      target += "?" + uri.getRawQuery();
    }
    StringBuilder head = new StringBuilder(256);
    head.append("GET ").append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(uri.getHost());
    if (uri.getPort() != -1) {
      head.append(':').append(uri.getPort());
    }
    head.append("\r\n");
    for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
      for (String value : header.getValue()) {
        head.append(header.getKey()).append(": ").append(value).append("\r\n");
      }
    }
    head.append("User-Agent: k3j-registry\r\nConnection: close\r\n\r\n");
    return head.toString();
  }

  private static HttpResponse<BlobBody> readResponse(
      SocketChannel channel, HttpRequest request, long timeoutNanos) throws IOException {
    byte[] bytes = new byte[MAX_HEAD];
    int length = 0;
    int end = -1;
    long deadline = System.nanoTime() + timeoutNanos;
    InputStream in = channel.socket().getInputStream();
    while (end < 0) {
      if (length == bytes.length) {
        throw new IOException("upstream response head longer than " + MAX_HEAD + " bytes");
      }
      if (timeoutNanos > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new HttpTimeoutException("upstream sent no response head within the timeout");
        }
        channel.socket().setSoTimeout((int) Math.max(1, left / 1_000_000));
      }
      int n;
      try {
        n = in.read(bytes, length, bytes.length - length);
      } catch (java.net.SocketTimeoutException e) {
        throw new HttpTimeoutException("upstream sent no response head within the timeout");
      }
      if (n < 0) {
        throw new IOException("upstream closed the connection before a response");
      }
      end = headEnd(bytes, Math.max(0, length - 3), length + n);
      length += n;
    }
    ResponseHead head = ResponseHead.parse(new String(bytes, 0, end, StandardCharsets.ISO_8859_1));
    ByteBuffer leftover = ByteBuffer.wrap(bytes, end, length - end);
    BlobBody body = new SocketBody(channel, leftover, head.framing());
    return new Response(head.status(), head.headers(), body, request);
  }

  /** The index just past the blank line that ends the head, or -1. */
  private static int headEnd(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n') {
        if (i + 1 < to && bytes[i + 1] == '\n') {
          return i + 2;
        }
        if (i + 2 < to && bytes[i + 1] == '\r' && bytes[i + 2] == '\n') {
          return i + 3;
        }
      }
    }
    return -1;
  }

  /** Status line and fields of a response head, and how its body is framed. */
  record ResponseHead(int status, HttpHeaders headers, BodyFraming framing) {
    static ResponseHead parse(String text) throws IOException {
      String[] lines = text.split("\r?\n");
      String[] statusLine = lines[0].split(" ", 3);
      if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP/1.1 response: " + lines[0]);
      }
      int status;
      try {
        status = Integer.parseInt(statusLine[1]);
      } catch (NumberFormatException e) {
        throw new IOException("bad status line: " + lines[0]);
      }
      Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon <= 0) {
          continue; // the blank end line, or an obsolete folded line we do not need
        }
        fields
            .computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).trim());
      }
      HttpHeaders headers = HttpHeaders.of(fields, (name, value) -> true);
      return new ResponseHead(status, headers, framing(status, headers));
    }

    private static BodyFraming framing(int status, HttpHeaders headers) throws IOException {
      if (status == 204 || status == 304 || status < 200) {
        return BodyFraming.contentLength(0);
      }
      List<String> codings = headers.allValues("Transfer-Encoding");
      if (!codings.isEmpty()) {
        String last = codings.get(codings.size() - 1);
        String[] parts = last.split(",");
        return parts[parts.length - 1].trim().toLowerCase(Locale.ROOT).equals("chunked")
            ? BodyFraming.chunked()
            : BodyFraming.untilClose();
      }
      Optional<String> length = headers.firstValue("Content-Length");
      if (length.isEmpty()) {
        return BodyFraming.untilClose();
      }
      try {
        long n = Long.parseLong(length.get());
        if (n < 0) {
          throw new NumberFormatException();
        }
        return BodyFraming.contentLength(n);
      } catch (NumberFormatException e) {
        throw new IOException("bad Content-Length from upstream: " + length.get());
      }
    }
  }

  /** A response whose body is still on its connection. */
  private record Response(int statusCode, HttpHeaders headers, BlobBody body, HttpRequest request)
      implements HttpResponse<BlobBody> {
    @Override
    public Optional<HttpResponse<BlobBody>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }
}
