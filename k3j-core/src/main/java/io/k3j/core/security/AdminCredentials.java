package io.k3j.core.security;

import java.io.IOException;

/**
 * What the admin kubeconfig holds, as PEM: the API's URL, the server CA, and the admin client
 * certificate and key. The server's own controllers connect with it directly: reading the
 * kubeconfig back through the fabric8 client parses its YAML as a {@code kind: Config} object,
 * which builds the client's mapping of every Kubernetes kind it knows (about 700 classes loaded,
 * kept in an idle server's memory).
 */
public record AdminCredentials(
    String server, String caPem, String certificatePem, String privateKeyPem) {

  public static AdminCredentials of(String server, String caPem, IssuedCertificate admin)
      throws IOException {
    return new AdminCredentials(
        server,
        caPem,
        PemFiles.pem(admin.certificate()),
        PemFiles.privateKeyPem(admin.keyPair().getPrivate()));
  }
}
