package io.k3j.core.security;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a server needs to serve TLS and let users and agents in, under {@code
 * <data-dir>/server} with k3s's file names: the server and client CAs (generated on first start and
 * kept), the serving certificate (issued at each start for the current names), the admin client
 * certificate (O=system:masters), and the join token in {@code token} and {@code node-token}.
 */
public record ClusterSecurity(
    CertificateAuthority serverCa,
    CertificateAuthority clientCa,
    IssuedCertificate serving,
    IssuedCertificate admin,
    JoinToken token,
    Path tlsDir) {

  /**
   * @param tlsSans extra names and addresses for the serving certificate ({@code --tls-san})
   * @param token the token to use ({@code --token}); null keeps the stored one or makes one
   */
  public static ClusterSecurity ensure(
      Path dataDir, List<String> tlsSans, String token, Clock clock) throws IOException {
    Path server = dataDir.resolve("server");
    Path tls = server.resolve("tls");
    CertificateAuthority serverCa = CertificateAuthority.loadOrCreate(tls, "server-ca", clock);
    CertificateAuthority clientCa = CertificateAuthority.loadOrCreate(tls, "client-ca", clock);
    List<String> dns = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    for (String name : servingNames(tlsSans)) {
      (isIpAddress(name) ? ips : dns).add(name);
    }
    IssuedCertificate serving = serverCa.issueServing("kube-apiserver", dns, ips);
    serving.write(tls, "serving-kube-apiserver");
    IssuedCertificate admin = clientCa.issueClient("system:admin", List.of("system:masters"));
    admin.write(tls, "client-admin");
    JoinToken joinToken = joinToken(server, tls, token);
    return new ClusterSecurity(serverCa, clientCa, serving, admin, joinToken, tls);
  }

  public Path serverCaFile() {
    return tlsDir.resolve("server-ca.crt");
  }

  /**
   * localhost, 127.0.0.1, ::1, the host name, every address of this machine, then {@code extra}.
   */
  static Set<String> servingNames(List<String> extra) {
    Set<String> names =
        new LinkedHashSet<>(
            List.of(
                "localhost",
                "127.0.0.1",
                "::1",
                "kubernetes",
                "kubernetes.default",
                "kubernetes.default.svc",
                "kubernetes.default.svc.cluster.local"));
    try {
      names.add(InetAddress.getLocalHost().getHostName());
    } catch (IOException e) {
      // no resolvable host name: localhost and the addresses still work
    }
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (!address.isLinkLocalAddress()) {
            names.add(address.getHostAddress().replaceAll("%.*", ""));
          }
        }
      }
    } catch (SocketException e) {
      // no interfaces visible: loopback names above remain
    }
    names.addAll(extra);
    return names;
  }

  static boolean isIpAddress(String name) {
    return name.matches("[0-9.]+") || name.contains(":");
  }

  private static JoinToken joinToken(Path server, Path tls, String given) throws IOException {
    byte[] caHash = sha256(Files.readAllBytes(tls.resolve("server-ca.crt")));
    Path tokenFile = server.resolve("token");
    String password;
    if (given != null) {
      password = JoinToken.parse(given).password();
    } else if (Files.exists(tokenFile)) {
      password = JoinToken.parse(Files.readString(tokenFile)).password();
    } else {
      byte[] random = new byte[16];
      new SecureRandom().nextBytes(random);
      password = HexFormat.of().formatHex(random);
    }
    JoinToken token = JoinToken.secure(caHash, password);
    if (given != null) {
      JoinToken parsed = JoinToken.parse(given);
      if (parsed.pinsCa() && !parsed.caHash().equals(token.caHash())) {
        throw new IOException(
            "--token pins CA hash "
                + parsed.caHash()
                + " but this server's CA hashes to "
                + token.caHash());
      }
    }
    PemFiles.writeSecret(tokenFile, token.format() + "\n");
    PemFiles.writeSecret(server.resolve("node-token"), token.format() + "\n");
    return token;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
