package io.k3j.registry.internal.store;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Open upload sessions by id. */
public final class Uploads {
  private final BlobStore blobs;
  private final java.time.Clock clock;
  private final Map<String, UploadSession> sessions = new ConcurrentHashMap<>();

  public Uploads(BlobStore blobs, java.time.Clock clock) {
    this.blobs = blobs;
    this.clock = clock;
  }

  public UploadSession start(String repository) throws IOException {
    String id = UUID.randomUUID().toString();
    UploadSession session = new UploadSession(id, repository, blobs.newTempFile("upload"), clock);
    sessions.put(id, session);
    return session;
  }

  /** The session, if it exists and belongs to {@code repository}. */
  public Optional<UploadSession> find(String repository, String id) {
    UploadSession s = sessions.get(id);
    if (s == null || !s.repository().equals(repository)) {
      return Optional.empty();
    }
    s.touched();
    return Optional.of(s);
  }

  public void cancel(UploadSession session) {
    sessions.remove(session.id());
    session.abandon();
  }

  /** Cancels uploads idle since before {@code cutoffMillis} (abandoned by their client). */
  public int expireIdle(long cutoffMillis) {
    int expired = 0;
    for (UploadSession session : sessions.values()) {
      if (session.lastActivityMillis() < cutoffMillis) {
        cancel(session);
        expired++;
      }
    }
    return expired;
  }

  /** Ends the session; the caller commits or discards its file. */
  public void remove(UploadSession session) {
    sessions.remove(session.id());
  }
}
