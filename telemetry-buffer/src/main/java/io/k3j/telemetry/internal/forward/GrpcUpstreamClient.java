package io.k3j.telemetry.internal.forward;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.k3j.telemetry.ConfigException;
import io.k3j.telemetry.DestinationConfig;
import io.k3j.telemetry.TlsSettings;
import io.k3j.telemetry.internal.otlp.PartialSuccess;
import io.k3j.telemetry.internal.otlp.Signal;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.net.URI;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;

/**
 * Sends OTLP/gRPC export calls to one destination. The stored protobuf bytes are the request
 * message as they are: the methods use a pass-through marshaller, so nothing is decoded or
 * re-encoded. {@code http://} endpoints are plaintext, {@code https://} use TLS (with the
 * destination's TLS settings when set).
 */
final class GrpcUpstreamClient implements UpstreamClient {

  private final DestinationConfig config;
  private final Map<String, ManagedChannel> channels = new HashMap<>();
  private final Map<Signal, Channel> channelPerSignal = new EnumMap<>(Signal.class);

  GrpcUpstreamClient(DestinationConfig config) {
    this.config = config;
    Metadata headers = headers(config);
    for (Signal signal : Signal.values()) {
      URI url = UpstreamClient.url(config, signal);
      ManagedChannel channel =
          channels.computeIfAbsent(
              url.getScheme() + "://" + url.getAuthority(), key -> open(url, config));
      channelPerSignal.put(
          signal,
          ClientInterceptors.intercept(
              channel, MetadataUtils.newAttachHeadersInterceptor(headers)));
    }
  }

  private static ManagedChannel open(URI url, DestinationConfig config) {
    boolean tls = url.getScheme().equals("https");
    int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
    if (tls && !config.tls().isDefault()) {
      NettyChannelBuilder builder =
          NettyChannelBuilder.forAddress(url.getHost(), port, credentials(config));
      if (config.tls().serverName() != null) {
        builder.overrideAuthority(config.tls().serverName() + ":" + port);
      }
      return builder.build();
    }
    NettyChannelBuilder builder = NettyChannelBuilder.forAddress(url.getHost(), port);
    return (tls ? builder.useTransportSecurity() : builder.usePlaintext()).build();
  }

  /**
   * TLS credentials from the destination's settings (CA, client key and certificate); gRPC checks
   * the authority, which a server name overrides.
   */
  private static ChannelCredentials credentials(DestinationConfig config) {
    TlsSettings settings = config.tls();
    TlsChannelCredentials.Builder builder =
        TlsChannelCredentials.newBuilder()
            .trustManager(TlsContexts.trustManagers(config.name(), settings));
    KeyManager[] keys = TlsContexts.keyManagers(config.name(), settings);
    if (keys != null) {
      builder.keyManager(keys);
    }
    return builder.build();
  }

  /** gRPC metadata keys must be lower-case ASCII tokens: a bad one stops start-up. */
  private static Metadata headers(DestinationConfig config) {
    Metadata metadata = new Metadata();
    config
        .headers()
        .forEach(
            (name, value) -> {
              try {
                metadata.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value);
              } catch (IllegalArgumentException e) {
                throw new ConfigException(
                    "destination." + config.name() + ".header." + name, e.getMessage());
              }
            });
    return metadata;
  }

  @Override
  public CompletableFuture<UpstreamAnswer> send(Part part) {
    CallOptions options = CallOptions.DEFAULT;
    if (!config.timeout().isZero()) {
      options = options.withDeadlineAfter(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }
    if (config.gzip()) {
      options = options.withCompression("gzip");
    }
    CompletableFuture<UpstreamAnswer> answer = new CompletableFuture<>();
    ClientCalls.asyncUnaryCall(
        channelPerSignal.get(part.signal()).newCall(export(part.signal()), options),
        part.body(),
        new StreamObserver<>() {
          @Override
          public void onNext(byte[] response) {
            PartialSuccess partial =
                PartialSuccess.parse(part.signal(), "application/x-protobuf", response);
            answer.complete(
                new UpstreamAnswer(
                    new Outcome.Delivered(partial.rejected(), partial.message()), "gRPC OK"));
          }

          @Override
          public void onError(Throwable failure) {
            Status status = Status.fromThrowable(failure);
            Metadata trailers = Status.trailersFromThrowable(failure);
            answer.complete(
                new UpstreamAnswer(
                    GrpcStatusClassifier.classify(
                        status, trailers == null ? new Metadata() : trailers),
                    transcript(failure)));
          }

          @Override
          public void onCompleted() {
            answer.complete(new UpstreamAnswer(new Outcome.Delivered(0, ""), "gRPC OK"));
          }
        });
    return answer;
  }

  private static String transcript(Throwable failure) {
    if (failure instanceof StatusRuntimeException e) {
      return "status: " + e.getStatus() + "\ntrailers: " + e.getTrailers();
    }
    return "failure: " + failure;
  }

  private static MethodDescriptor<byte[], byte[]> export(Signal signal) {
    String service =
        switch (signal) {
          case TRACES -> TraceServiceGrpc.SERVICE_NAME;
          case METRICS -> MetricsServiceGrpc.SERVICE_NAME;
          case LOGS -> LogsServiceGrpc.SERVICE_NAME;
        };
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(service, "Export"))
        .setRequestMarshaller(RawMessages.INSTANCE)
        .setResponseMarshaller(RawMessages.INSTANCE)
        .build();
  }

  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
  }
}
