package io.k3j.registry.internal.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.LongConsumer;

/**
 * The body of an upstream response as the HTTP client's own buffers, taken by one blocking reader
 * (the fetch thread): unlike {@code BodyHandlers.ofInputStream()} nothing is copied into a byte
 * array on the way. Demand bounds what is queued: {@link #WINDOW} deliveries are requested ahead,
 * and one more each time the reader takes one. Used for TLS upstreams; plain HTTP ones are read by
 * {@link SocketBlobGet}.
 */
final class UpstreamBody implements Flow.Subscriber<List<ByteBuffer>>, BlobBody {
  /** Deliveries (each one buffer of up to {@code jdk.httpclient.bufsize}) requested ahead. */
  static final int WINDOW = 8;

  /** Queued after the last buffers; its own object, since the client may deliver an empty list. */
  private static final Object END = new Object();

  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Flow.Publisher<List<ByteBuffer>> publisher;
  private volatile Flow.Subscription subscription;
  private boolean ended;

  UpstreamBody(Flow.Publisher<List<ByteBuffer>> publisher) {
    this.publisher = publisher;
  }

  /**
   * Everything queued is written in one gathering write; the client hands out a fresh buffer for
   * every read and never reuses one it delivered, so the hash takes the buffers as they are.
   */
  @Override
  public void copyTo(FileChannel out, PipelinedDigest hash, LongConsumer written)
      throws IOException, InterruptedException {
    publisher.subscribe(this);
    for (List<ByteBuffer> buffers = next(); !buffers.isEmpty(); buffers = next()) {
      for (ByteBuffer buffer : buffers) {
        hash.hash(buffer);
      }
      written.accept(BlobBody.writeAll(out, buffers.toArray(ByteBuffer[]::new)));
    }
  }

  @Override
  public void discard() {
    UpstreamClient.discard(publisher);
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(WINDOW);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    queue.add(buffers);
  }

  @Override
  public void onError(Throwable error) {
    queue.add(error);
  }

  @Override
  public void onComplete() {
    queue.add(END);
  }

  /**
   * The next buffers, with everything already queued behind them (so a reader that fell behind
   * writes them in one step); empty at the end of the body.
   *
   * @throws IOException if the response failed or {@link #abort} was called
   */
  private List<ByteBuffer> next() throws IOException, InterruptedException {
    List<ByteBuffer> buffers = new ArrayList<>();
    while (buffers.isEmpty() && !ended) {
      List<Object> items = new ArrayList<>();
      items.add(queue.take());
      queue.drainTo(items);
      int deliveries = 0;
      for (Object item : items) {
        if (item instanceof Throwable error) {
          ended = true;
          throw error instanceof IOException io ? io : new IOException(error.getMessage(), error);
        }
        if (item == END) {
          ended = true;
        } else {
          @SuppressWarnings("unchecked")
          List<ByteBuffer> delivered = (List<ByteBuffer>) item;
          for (ByteBuffer buffer : delivered) {
            if (buffer.hasRemaining()) {
              buffers.add(buffer);
            }
          }
          deliveries++;
        }
      }
      if (deliveries > 0 && !ended) {
        subscription.request(deliveries);
      }
    }
    return buffers;
  }

  /** Stops the response (a stalled upstream): the reader's next call fails. */
  @Override
  public void abort() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    queue.add(new IOException("upstream stalled"));
  }
}
