package io.k3j.core.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The admin kubeconfig, shaped as k3s writes it: cluster, context and user all named {@code
 * default}, credentials inline as base64 PEM.
 */
public final class Kubeconfig {
  private Kubeconfig() {}

  public static String render(String server, String caPem, IssuedCertificate admin)
      throws IOException {
    return render(AdminCredentials.of(server, caPem, admin));
  }

  public static String render(AdminCredentials admin) {
    return String.join(
        "\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- cluster:",
        "    certificate-authority-data: " + base64(admin.caPem()),
        "    server: " + admin.server(),
        "  name: default",
        "contexts:",
        "- context:",
        "    cluster: default",
        "    user: default",
        "  name: default",
        "current-context: default",
        "preferences: {}",
        "users:",
        "- name: default",
        "  user:",
        "    client-certificate-data: " + base64(admin.certificatePem()),
        "    client-key-data: " + base64(admin.privateKeyPem()),
        "");
  }

  /** A PEM as a kubeconfig's {@code *-data} fields hold it: base64 of its text. */
  public static String base64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
  }
}
