package io.k3j.core.datastore;

/** One change delivered by a watch. {@code prevKv} is null for creates. */
public record Event(Type type, KeyValue kv, KeyValue prevKv) {

  /** What the change did to the key. */
  public enum Type {
    CREATE,
    UPDATE,
    DELETE
  }

  public long revision() {
    return kv.modRevision();
  }
}
