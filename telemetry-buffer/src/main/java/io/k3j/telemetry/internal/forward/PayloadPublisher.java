package io.k3j.telemetry.internal.forward;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * An OTLP/HTTP request body made of the payloads as they lie in the forwarder's batch buffer: one
 * {@link ByteBuffer} over each, no copy. The JDK's {@code BodyPublishers.ofByteArray(array, offset,
 * length)} copies its range into new buffers, and {@code ofByteArrays} takes whole arrays only.
 * Each subscription (a retry subscribes again) starts at the first payload.
 *
 * <p>{@link #release()} drops the payloads once the request is answered: the JDK client (17) keeps
 * the request that opened a pooled connection for as long as the connection lives (its connect
 * timer event holds the exchange), and with it this publisher. Without the release, 8 connections
 * kept 8 batch buffers of 1 MiB from reuse, in a heap of 48 MB.
 *
 * <p>Follows the Reactive Streams rules that {@link Flow} adopts: items only on demand, {@code
 * request} may be called from {@code onNext} (it then returns and the running loop goes on), a
 * non-positive request ends in {@code onError}, nothing is signalled after cancel.
 */
final class PayloadPublisher implements Flow.Publisher<ByteBuffer> {
  private volatile List<Payload> payloads;

  PayloadPublisher(List<Payload> payloads) {
    this.payloads = List.copyOf(payloads);
  }

  /** Forgets the payloads: called when the request was answered or failed, never before. */
  void release() {
    payloads = List.of();
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    subscriber.onSubscribe(new Subscription(subscriber));
  }

  private final class Subscription implements Flow.Subscription {
    private final Flow.Subscriber<? super ByteBuffer> subscriber;
    private int next;
    private long demand;
    private boolean emitting;
    private boolean done;

    Subscription(Flow.Subscriber<? super ByteBuffer> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      synchronized (this) {
        if (done) {
          return;
        }
        if (n <= 0) {
          done = true;
        } else {
          demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
          if (emitting) {
            return; // the loop below, further up this thread's or another's stack, sends them
          }
          emitting = true;
        }
      }
      if (n <= 0) {
        subscriber.onError(new IllegalArgumentException("request of " + n + " items"));
        return;
      }
      emit();
    }

    private void emit() {
      while (true) {
        ByteBuffer item;
        List<Payload> payloads = PayloadPublisher.this.payloads;
        synchronized (this) {
          if (done || (demand == 0 && next < payloads.size())) {
            emitting = false;
            return;
          }
          // past the end also when release() emptied the list while the client still reads
          if (next >= payloads.size()) {
            done = true;
            item = null;
          } else {
            demand--;
            item = payloads.get(next++).buffer();
          }
        }
        if (item == null) {
          subscriber.onComplete();
          return;
        }
        subscriber.onNext(item);
      }
    }

    @Override
    public synchronized void cancel() {
      done = true;
    }
  }
}
