package io.k3j.core.apiserver.protobuf;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scalar fields whose zero value Kubernetes' Go JSON writes: Go pointers, where a zero is a
 * choice, and fields without {@code omitempty}. The list is {@code go-json-zero-fields.txt} next to
 * this class; its header says where it comes from.
 */
final class ZeroValuedFields {
  private static final Set<String> FIELDS = load("go-json-zero-fields.txt");

  private ZeroValuedFields() {}

  /** Whether a zero in this field is written to JSON rather than left out. */
  static boolean keeps(FieldDescriptor field) {
    return FIELDS.contains(field.getFullName());
  }

  private static Set<String> load(String resource) {
    try (InputStream in = ZeroValuedFields.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing class-path resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return reader
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
