package io.k3j.core.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  @DisplayName("a DNS-1123 label error quotes upstream's text, doubled space included")
  void dnsLabel() {
    assertThat(Names.dns1123Label("Web"))
        .containsExactly(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or"
                + " '-', and must start and end with an alphanumeric character (e.g. 'my-name', "
                + " or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    assertThat(Names.dns1123Label("a.b")).containsExactly("must not contain dots");
    assertThat(Names.dns1123Label("a".repeat(64)))
        .containsExactly("must be no more than 63 characters");
    assertThat(Names.dns1123Label("web-1")).isEmpty();
  }

  @Test
  @DisplayName("qualified names check the prefix as a subdomain and the name part separately")
  void qualifiedName() {
    assertThat(Names.qualifiedName("example.com/app")).isEmpty();
    assertThat(Names.qualifiedName("/app")).containsExactly("prefix part must be non-empty");
    assertThat(Names.qualifiedName("a/b/c")).hasSize(1);
    assertThat(Names.qualifiedName("a/b/c").get(0)).startsWith("a qualified name must consist");
    assertThat(Names.qualifiedName("-x"))
        .containsExactly(
            "name part must consist of alphanumeric characters, '-', '_' or '.', and must start"
                + " and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or"
                + " '123-abc', regex used for validation is"
                + " '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
  }

  @Test
  @DisplayName("port names follow IANA_SVC_NAME and report every broken rule")
  void portName() {
    assertThat(Names.portName("http")).isEmpty();
    assertThat(Names.portName("-8080-"))
        .containsExactly(
            "must contain at least one letter (a-z)", "must not begin or end with a hyphen");
    assertThat(Names.portName("a--b")).containsExactly("must not contain consecutive hyphens");
  }

  @Test
  @DisplayName("config keys refuse '..' prefixes and characters outside [-._a-zA-Z0-9]")
  void configKey() {
    assertThat(Names.configKey("tls.crt")).isEmpty();
    assertThat(Names.configKey("..data")).containsExactly("must not start with '..'");
    assertThat(Names.configKey("a/b")).hasSize(1);
  }

  @Test
  @DisplayName("environment variable names allow printable ASCII except '='")
  void envVarName() {
    assertThat(Names.envVarName("1$WEIRD.name")).isEmpty();
    assertThat(Names.envVarName("A=B"))
        .containsExactly(
            "a valid environment variable name must consist only of printable ASCII characters"
                + " other than '='");
  }
}
