package io.k3j.core.security;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;

/** A certificate with its key pair. */
public record IssuedCertificate(X509Certificate certificate, KeyPair keyPair) {

  /** Writes {@code <dir>/<name>.crt} and {@code <dir>/<name>.key} (0600). */
  public void write(Path dir, String name) throws IOException {
    PemFiles.writePrivateKey(dir.resolve(name + ".key"), keyPair);
    PemFiles.writeCertificate(dir.resolve(name + ".crt"), certificate);
  }
}
