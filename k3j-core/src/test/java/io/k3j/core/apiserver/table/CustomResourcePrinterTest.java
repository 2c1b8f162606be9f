package io.k3j.core.apiserver.table;

import static io.k3j.core.apiserver.table.Fixtures.cells;
import static io.k3j.core.apiserver.table.Fixtures.headers;
import static io.k3j.core.apiserver.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CustomResourcePrinterTest {
  private static final String PLAN =
      """
      {'metadata': {'name': 'k3j-server', 'creationTimestamp': '2026-11-24T11:00:00Z'},
       'spec': {'version': 'v1.32.1', 'concurrency': 2, 'ratio': 0.5, 'drain': true,
                'tags': {'b': 2, 'a': 1}},
       'status': {'applying': ['edge-1', 'edge-2'], 'latestVersion': 'v1.32.1',
                  'conditions': [{'type': 'Ready', 'status': 'True'},
                                 {'type': 'Complete', 'status': 'False'}]}}
      """;

  @Test
  @DisplayName("a version without printer columns shows NAME and AGE")
  void defaults() {
    CustomResourcePrinter printer = new CustomResourcePrinter(json("[]"));
    assertThat(headers(printer)).containsExactly("Name", "Age");
    assertThat(printer.columns().get(1).type()).isEqualTo("date");
    assertThat(cells(printer, PLAN)).containsExactly("k3j-server", "60m");
    assertThat(headers(new CustomResourcePrinter(null))).containsExactly("Name", "Age");
  }

  @Test
  @DisplayName("printer columns keep their type, format, priority and description")
  void columns() {
    CustomResourcePrinter printer =
        new CustomResourcePrinter(
            json(
                """
                [{'name': 'Image', 'type': 'string', 'jsonPath': '.spec.version',
                  'description': 'target version', 'priority': 1},
                 {'name': 'Count', 'type': 'integer', 'format': 'int32',
                  'jsonPath': '.spec.concurrency'}]
                """));
    assertThat(headers(printer)).containsExactly("Name", "Image*", "Count");
    Column image = printer.columns().get(1);
    assertThat(image.description()).isEqualTo("target version");
    Column count = printer.columns().get(2);
    assertThat(count.format()).isEqualTo("int32");
    assertThat(count.description())
        .isEqualTo("Custom resource definition column (in JSONPath format): .spec.concurrency");
  }

  @Test
  @DisplayName("cells take the path's first result, typed by the column")
  void cellsByType() {
    CustomResourcePrinter printer =
        new CustomResourcePrinter(
            json(
                """
                [{'name': 'Ready', 'type': 'string',
                  'jsonPath': '.status.conditions[?(@.type==\\"Ready\\")].status'},
                 {'name': 'Applying', 'type': 'string', 'jsonPath': '.status.applying[*]'},
                 {'name': 'All', 'type': 'string', 'jsonPath': '.status.applying'},
                 {'name': 'Tags', 'type': 'string', 'jsonPath': '.spec.tags'},
                 {'name': 'Concurrency', 'type': 'integer', 'jsonPath': '.spec.concurrency'},
                 {'name': 'Ratio', 'type': 'number', 'jsonPath': '.spec.ratio'},
                 {'name': 'Drain', 'type': 'boolean', 'jsonPath': '.spec.drain'},
                 {'name': 'Created', 'type': 'date', 'jsonPath': '.metadata.creationTimestamp'},
                 {'name': 'Text as int', 'type': 'integer', 'jsonPath': '.spec.version'},
                 {'name': 'Missing', 'type': 'string', 'jsonPath': '.status.nothing'},
                 {'name': 'Number as text', 'type': 'string', 'jsonPath': '.spec.concurrency'},
                 {'name': 'Broken', 'type': 'string', 'jsonPath': '.spec[oops'}]
                """));
    assertThat(cells(printer, PLAN))
        .containsExactlyElementsOf(
            Arrays.asList(
                "k3j-server",
                "True",
                "edge-1",
                "[\"edge-1\",\"edge-2\"]",
                "{\"a\":1,\"b\":2}",
                2L,
                0.5,
                true,
                "60m",
                null,
                null,
                "2",
                null));
  }
}
