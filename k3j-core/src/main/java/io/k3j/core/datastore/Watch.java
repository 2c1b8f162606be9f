package io.k3j.core.datastore;

/** A running watch. Closing it stops delivery; the listener's {@code onClose} is not called. */
public interface Watch extends AutoCloseable {
  @Override
  void close();
}
