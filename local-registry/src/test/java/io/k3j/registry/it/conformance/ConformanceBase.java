package io.k3j.registry.it.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k3j.registry.LocalRegistry;
import io.k3j.registry.testing.Http;
import io.k3j.registry.testing.Registries;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Starts one registry per conformance category class, as the OCI conformance suite does. */
abstract class ConformanceBase {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static LocalRegistry registry;
  static Http http;

  @BeforeAll
  static void start() throws Exception {
    registry = Registries.start(dir, Map.of());
    http = new Http(Registries.url(registry));
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  static JsonNode json(HttpResponse<byte[]> response) throws Exception {
    return JSON.readTree(response.body());
  }
}
