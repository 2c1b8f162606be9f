package io.k3j.benchmarks.telemetry;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.k3j.telemetry.internal.forward.RawMessages;
import java.util.concurrent.TimeUnit;

/**
 * An OTLP/gRPC client on its own channel (one HTTP/2 connection), as an SDK's gRPC exporter sends:
 * grpc-java, unary TraceService/Export, the prepared request bytes through a pass-through
 * marshaller (no message objects on the client), gzip by grpc-java when asked.
 */
final class GrpcSender implements IngestLoad.Sender {
  private static final MethodDescriptor<byte[], byte[]> EXPORT =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("opentelemetry.proto.collector.trace.v1.TraceService/Export")
          .setRequestMarshaller(RawMessages.INSTANCE)
          .setResponseMarshaller(RawMessages.INSTANCE)
          .build();

  private final ManagedChannel channel;
  private final byte[] request;
  private final CallOptions options;

  GrpcSender(int port, byte[] request, boolean gzip) {
    this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    this.request = request;
    this.options = gzip ? CallOptions.DEFAULT.withCompression("gzip") : CallOptions.DEFAULT;
  }

  /** 200 when the buffer answered OK, else 500 (the status is counted as refused). */
  @Override
  public int post() {
    try {
      ClientCalls.blockingUnaryCall(
          channel, EXPORT, options.withDeadlineAfter(60, TimeUnit.SECONDS), request);
      return 200;
    } catch (StatusRuntimeException e) {
      return 500;
    }
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
