package io.k3j.core.datastore;

import java.util.List;

/**
 * One page of a list. {@code revision} is the revision the page was read at; {@code continueToken}
 * is null on the last page; {@code remaining} counts the live keys after this page.
 */
public record ListResult(
    List<KeyValue> items, long revision, String continueToken, long remaining) {
  public ListResult {
    items = List.copyOf(items);
  }
}
