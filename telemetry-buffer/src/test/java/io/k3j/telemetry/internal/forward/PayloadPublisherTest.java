package io.k3j.telemetry.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Request body over the payloads in the batch buffer")
class PayloadPublisherTest {
  static final byte[] BUFFER = "..abc.defgh..".getBytes(StandardCharsets.US_ASCII);
  static final List<Payload> PAYLOADS =
      List.of(new Payload(BUFFER, 2, 3), new Payload(BUFFER, 6, 0), new Payload(BUFFER, 6, 5));

  /** Records the signals; requests {@code perItem} more from inside each onNext. */
  static final class Recorder implements Flow.Subscriber<ByteBuffer> {
    final long first;
    final long perItem;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<String> signals = new ArrayList<>();
    Flow.Subscription subscription;
    int depth;
    int maxDepth;

    Recorder(long first, long perItem) {
      this.first = first;
      this.perItem = perItem;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (first != 0) {
        subscription.request(first);
      }
    }

    @Override
    public void onNext(ByteBuffer item) {
      signals.add("next");
      byte[] copy = new byte[item.remaining()];
      item.get(copy);
      bytes.writeBytes(copy);
      depth++;
      maxDepth = Math.max(maxDepth, depth);
      if (perItem > 0) {
        subscription.request(perItem);
      }
      depth--;
    }

    @Override
    public void onError(Throwable failure) {
      signals.add("error " + failure.getClass().getSimpleName());
    }

    @Override
    public void onComplete() {
      signals.add("complete");
    }
  }

  @Test
  @DisplayName("sends each payload's bytes in order, one buffer each, then completes")
  void sendsThePayloads() {
    Recorder recorder = new Recorder(Long.MAX_VALUE, 0);
    new PayloadPublisher(PAYLOADS).subscribe(recorder);

    assertThat(recorder.bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("abcdefgh");
    assertThat(recorder.signals).containsExactly("next", "next", "next", "complete");
  }

  @Test
  @DisplayName(
      "a subscription still reading when the request is answered and the payloads released"
          + " completes instead of failing")
  void releasedWhileRead() {
    Recorder recorder = new Recorder(1, 0);
    PayloadPublisher publisher = new PayloadPublisher(PAYLOADS);
    publisher.subscribe(recorder);

    publisher.release();
    recorder.subscription.request(1);

    assertThat(recorder.signals).containsExactly("next", "complete");
  }

  @Test
  @DisplayName("sends only what was requested; requests from onNext do not recurse")
  void followsDemand() {
    Recorder recorder = new Recorder(1, 0);
    PayloadPublisher publisher = new PayloadPublisher(PAYLOADS);
    publisher.subscribe(recorder);
    assertThat(recorder.signals).containsExactly("next");

    recorder.subscription.request(1);
    assertThat(recorder.signals).containsExactly("next", "next");

    Recorder eager = new Recorder(1, 1);
    publisher.subscribe(eager);
    assertThat(eager.bytes.toString(StandardCharsets.US_ASCII))
        .as("a new subscription starts again")
        .isEqualTo("abcdefgh");
    assertThat(eager.signals).endsWith("complete");
    assertThat(eager.maxDepth).isEqualTo(1);
  }

  @Test
  @DisplayName("released once answered, it holds no payload any more")
  void release() {
    PayloadPublisher publisher = new PayloadPublisher(PAYLOADS);
    publisher.release();
    Recorder recorder = new Recorder(Long.MAX_VALUE, 0);
    publisher.subscribe(recorder);
    assertThat(recorder.signals).containsExactly("complete");
  }

  @Test
  @DisplayName("a non-positive request is an error; nothing is sent after cancel")
  void badRequestAndCancel() {
    Recorder bad = new Recorder(0, 0);
    new PayloadPublisher(PAYLOADS).subscribe(bad);
    bad.subscription.request(0);
    bad.subscription.request(5);
    assertThat(bad.signals).containsExactly("error IllegalArgumentException");

    Recorder cancelled = new Recorder(0, 0);
    new PayloadPublisher(PAYLOADS).subscribe(cancelled);
    cancelled.subscription.cancel();
    cancelled.subscription.request(5);
    assertThat(cancelled.signals).isEmpty();
  }
}
