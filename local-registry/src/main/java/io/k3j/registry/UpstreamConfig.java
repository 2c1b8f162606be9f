package io.k3j.registry;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * One upstream registry the cache pulls from.
 *
 * @param name the registry name clients use: containerd's {@code ns} value and the path prefix
 *     (e.g. {@code docker.io}); for a default upstream given without a name, its host
 * @param url base URL of the registry API host (without {@code /v2})
 * @param username optional basic credentials (also sent to a token realm in the same domain)
 * @param password password for {@code username}
 * @param caFile PEM bundle of the CAs trusted for this upstream (instead of the JDK's)
 * @param insecureSkipVerify accept any certificate (test and lab setups only)
 */
public record UpstreamConfig(
    String name,
    URI url,
    Optional<String> username,
    Optional<String> password,
    Optional<Path> caFile,
    boolean insecureSkipVerify) {

  public UpstreamConfig {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("upstream name is empty");
    }
    username = username == null ? Optional.empty() : username;
    password = password == null ? Optional.empty() : password;
    caFile = caFile == null ? Optional.empty() : caFile;
  }

  /** Parses {@code URL} or {@code NAME=URL}; {@code key} names the setting in errors. */
  public static UpstreamConfig parse(String key, String value) {
    String name = null;
    String url = value.trim();
    int eq = url.indexOf('=');
    if (eq > 0) {
      name = url.substring(0, eq).trim();
      url = url.substring(eq + 1).trim();
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, "not a URL: " + url);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new ConfigException(key, "expected http(s)://host[:port], got " + url);
    }
    if (name == null) {
      name = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }
    if (!name.matches("[A-Za-z0-9.:_-]+")) {
      throw new ConfigException(key, "upstream name '" + name + "' is not a registry host name");
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
    if (path.endsWith("/v2")) {
      path = path.substring(0, path.length() - 3);
    }
    URI base = URI.create(scheme + "://" + uri.getRawAuthority() + path);
    return new UpstreamConfig(
        name, base, Optional.empty(), Optional.empty(), Optional.empty(), false);
  }

  public UpstreamConfig withCredentials(String user, String pass) {
    return new UpstreamConfig(
        name,
        url,
        Optional.ofNullable(user),
        Optional.ofNullable(pass),
        caFile,
        insecureSkipVerify);
  }

  public UpstreamConfig withTls(Optional<Path> ca, boolean skipVerify) {
    return new UpstreamConfig(name, url, username, password, ca, skipVerify);
  }
}
