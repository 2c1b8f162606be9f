package io.k3j.helm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.k3j.helm.model.ChartSource;
import io.k3j.helm.model.ChartVersions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Turns a {@link ChartSource} into something Helm can install: a local archive path, or the OCI
 * reference as it is. Repository charts are looked up in the repository's {@code index.yaml} and
 * downloaded with the HelmChart's credentials and CA, as {@code helm install --repo} does.
 */
final class ChartFetcher {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Download settings from the HelmChart: basic auth, trusted CAs, TLS and plain HTTP flags. */
  record Access(
      String username,
      String password,
      boolean passCredentials,
      String caPem,
      boolean insecureSkipTlsVerify,
      boolean plainHttp) {
    static final Access NONE = new Access(null, null, false, null, false, false);
  }

  private final Path workDir;
  private final Duration timeout;

  ChartFetcher(Path workDir, Duration timeout) {
    this.workDir = workDir;
    this.timeout = timeout;
  }

  /**
   * The chart argument for Helm: a path to a .tgz, or an {@code oci://} reference.
   *
   * @throws IOException when the chart cannot be read or downloaded; the message names it
   */
  String fetch(ChartSource source, Access access) throws IOException, InterruptedException {
    if (source instanceof ChartSource.Inline inline) {
      return write(inline.archive()).toString();
    }
    if (source instanceof ChartSource.LocalArchive local) {
      if (!Files.isRegularFile(local.file())) {
        throw new IOException("chart archive " + local.file() + " not found in the charts folder");
      }
      return local.file().toString();
    }
    if (source instanceof ChartSource.Oci oci) {
      return oci.ref();
    }
    if (source instanceof ChartSource.ArchiveUrl url) {
      return write(get(url.url(), url.url(), access)).toString();
    }
    ChartSource.RepoChart repo = (ChartSource.RepoChart) source;
    URI index = resolve(repo.repo(), "index.yaml");
    JsonNode entries = YAML.readTree(get(index, repo.repo(), access)).path("entries");
    List<JsonNode> versions = new ArrayList<>();
    entries.path(repo.chart()).forEach(versions::add);
    if (versions.isEmpty()) {
      throw new IOException("chart \"" + repo.chart() + "\" not found in " + index);
    }
    JsonNode chosen = ChartVersions.pick(versions, repo.version());
    if (chosen == null) {
      throw new IOException(
          "chart \""
              + repo.chart()
              + "\" version \""
              + repo.version()
              + "\" not found in "
              + index);
    }
    String first = chosen.path("urls").path(0).asText("");
    if (first.isEmpty()) {
      throw new IOException("chart \"" + repo.chart() + "\" in " + index + " lists no URL");
    }
    URI archive = resolve(repo.repo(), first);
    return write(get(archive, repo.repo(), access)).toString();
  }

  private static URI resolve(URI base, String relative) {
    String b = base.toString();
    return URI.create(b.endsWith("/") ? b : b + "/").resolve(relative);
  }

  private Path write(byte[] archive) throws IOException {
    Files.createDirectories(workDir);
    Path file = Files.createTempFile(workDir, "chart-", ".tgz");
    Files.write(file, archive);
    return file;
  }

  private byte[] get(URI uri, URI origin, Access access) throws IOException, InterruptedException {
    if ("http".equals(uri.getScheme()) && !access.plainHttp()) {
      throw new IOException(uri + " is plain HTTP; set spec.plainHTTP to allow it");
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    boolean sameHost = uri.getHost() != null && uri.getHost().equals(origin.getHost());
    if (access.username() != null && (sameHost || access.passCredentials())) {
      String basic = access.username() + ":" + (access.password() == null ? "" : access.password());
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
    }
    HttpClient.Builder client =
        HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL);
    try {
      client.sslContext(sslContext(access));
    } catch (GeneralSecurityException e) {
      throw new IOException("spec.repoCA: " + e.getMessage(), e);
    }
    HttpResponse<byte[]> response =
        client.build().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + uri + " answered " + response.statusCode());
    }
    return response.body();
  }

  private static SSLContext sslContext(Access access) throws GeneralSecurityException, IOException {
    SSLContext context = SSLContext.getInstance("TLS");
    if (access.insecureSkipTlsVerify()) {
      context.init(null, new TrustManager[] {new TrustAll()}, null);
      return context;
    }
    if (access.caPem() == null || access.caPem().isBlank()) {
      return SSLContext.getDefault();
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int i = 0;
    for (Certificate cert :
        CertificateFactory.getInstance("X.509")
            .generateCertificates(
                new ByteArrayInputStream(access.caPem().getBytes(StandardCharsets.US_ASCII)))) {
      store.setCertificateEntry("ca-" + i++, cert);
    }
    if (i == 0) {
      throw new GeneralSecurityException("no PEM certificate found");
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  /** {@code spec.insecureSkipTLSVerify}: accepts any server certificate. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
