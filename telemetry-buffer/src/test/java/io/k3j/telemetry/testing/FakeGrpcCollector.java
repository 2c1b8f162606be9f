package io.k3j.telemetry.testing;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An upstream OTLP/gRPC collector (TraceService) on 127.0.0.1 whose answers a test scripts: the
 * script returns {@code null} to accept a request or the error to fail it with. Records the
 * metadata of every call and the span names of accepted requests.
 */
public final class FakeGrpcCollector implements AutoCloseable {
  private static final Metadata.Key<String> TOKEN =
      Metadata.Key.of("x-oneuptime-token", Metadata.ASCII_STRING_MARSHALLER);

  private final Server server;
  private final List<String> tokens = new CopyOnWriteArrayList<>();
  private final List<String> delivered = new CopyOnWriteArrayList<>();
  private final List<ExportTraceServiceRequest> requests = new CopyOnWriteArrayList<>();
  private volatile Function<ExportTraceServiceRequest, StatusRuntimeException> script = r -> null;

  public FakeGrpcCollector() throws IOException {
    ServerInterceptor recordToken =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            tokens.add(String.valueOf(headers.get(TOKEN)));
            return next.startCall(call, headers);
          }
        };
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(ServerInterceptors.intercept(new Traces(), recordToken))
            .build()
            .start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  public void answer(Function<ExportTraceServiceRequest, StatusRuntimeException> script) {
    this.script = script;
  }

  public List<ExportTraceServiceRequest> requests() {
    return List.copyOf(requests);
  }

  public List<String> deliveredSpanNames() {
    return List.copyOf(delivered);
  }

  /** The {@code x-oneuptime-token} metadata of each call ("null" when absent). */
  public List<String> tokens() {
    return List.copyOf(tokens);
  }

  private final class Traces extends TraceServiceGrpc.TraceServiceImplBase {
    @Override
    public void export(
        ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> reply) {
      requests.add(request);
      StatusRuntimeException failure = script.apply(request);
      if (failure != null) {
        reply.onError(failure);
        return;
      }
      request.getResourceSpansList().stream()
          .flatMap(r -> r.getScopeSpansList().stream())
          .flatMap(s -> s.getSpansList().stream())
          .map(Span::getName)
          .forEach(delivered::add);
      reply.onNext(ExportTraceServiceResponse.getDefaultInstance());
      reply.onCompleted();
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
