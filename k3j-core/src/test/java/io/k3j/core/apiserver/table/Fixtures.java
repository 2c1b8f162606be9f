package io.k3j.core.apiserver.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.k3j.core.apiserver.resources.Json;
import java.time.Instant;
import java.util.List;

/** Objects for printer tests, written as JSON, and the fixed time they are printed at. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  private Fixtures() {}

  static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The cells a printer gives an object written in JSON with single quotes. */
  static List<Object> cells(Printer printer, String object) {
    return printer.cells(json(object), NOW);
  }

  /** The names of the printer's columns, priority-1 ones marked with a trailing '*'. */
  static List<String> headers(Printer printer) {
    return printer.columns().stream()
        .map(c -> c.priority() == 1 ? c.name() + "*" : c.name())
        .toList();
  }
}
