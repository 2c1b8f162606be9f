package io.k3j.core.datastore.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Decides how far history may be compacted: keep at least {@code minAge} of history and at least
 * {@code minRevisions} revisions. It remembers when revisions were committed, one sample per
 * second; revisions already on disk at start-up count as committed at start-up, which only ever
 * keeps more history, never less.
 */
public final class RetentionWindow {
  private static final long SAMPLE_EVERY_MILLIS = 1_000;

  private final Clock clock;
  private final Duration minAge;
  private final long minRevisions;
  // {millis, revision}: revision was committed no later than millis + SAMPLE_EVERY_MILLIS.
  private final Deque<long[]> samples = new ArrayDeque<>();

  public RetentionWindow(Clock clock, Duration minAge, long minRevisions, long startRevision) {
    this.clock = clock;
    this.minAge = minAge;
    this.minRevisions = minRevisions;
    samples.add(new long[] {clock.millis(), startRevision});
  }

  /** Notes that {@code revision} is committed now. */
  public synchronized void committed(long revision) {
    long now = clock.millis();
    long[] newest = samples.peekLast();
    if (newest != null && now - newest[0] < SAMPLE_EVERY_MILLIS) {
      newest[1] = revision;
    } else {
      samples.addLast(new long[] {now, revision});
    }
  }

  /** The highest revision that may be compacted now, given the current revision. */
  public synchronized long compactableUpTo(long currentRevision) {
    long cutoff = clock.millis() - minAge.toMillis();
    long oldEnough = 0;
    // A sample covers revisions committed up to SAMPLE_EVERY_MILLIS after its time.
    while (!samples.isEmpty() && samples.peekFirst()[0] + SAMPLE_EVERY_MILLIS <= cutoff) {
      long[] sample = samples.pollFirst();
      oldEnough = sample[1];
    }
    if (oldEnough > 0) {
      // Keep the sample: it still describes revisions up to oldEnough for the next call.
      samples.addFirst(new long[] {cutoff - SAMPLE_EVERY_MILLIS, oldEnough});
    }
    return Math.max(0, Math.min(oldEnough, currentRevision - minRevisions));
  }
}
