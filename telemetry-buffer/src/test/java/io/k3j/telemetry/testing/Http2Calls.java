package io.k3j.telemetry.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A bare HTTP/2 client (prior knowledge, one connection) that sends whatever frames a test asks
 * for, including ones no gRPC library would send: wrong content types, cut-short or oversized
 * messages, two messages in one unary call.
 */
public final class Http2Calls implements AutoCloseable {
  /** What came back on one stream; {@code trailers} is null for a Trailers-Only answer. */
  public record Answer(Http2Headers headers, byte[] body, Http2Headers trailers, Http2Error reset) {
    /** {@code grpc-status}, from the trailers or a Trailers-Only answer. */
    public String grpcStatus() {
      Http2Headers last = trailers != null ? trailers : headers;
      CharSequence status = last.get("grpc-status");
      return status == null ? null : status.toString();
    }

    public String header(String name) {
      Http2Headers last = trailers != null ? trailers : headers;
      CharSequence value = last.get(name);
      return value == null ? null : value.toString();
    }
  }

  private final EventLoopGroup group;
  private final Channel connection;

  public Http2Calls(int port) throws InterruptedException {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    connection =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    channel
                        .pipeline()
                        .addLast(Http2FrameCodecBuilder.forClient().build())
                        .addLast(new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                  }
                })
            .connect("127.0.0.1", port)
            .sync()
            .channel();
  }

  /** Request headers of a gRPC call to {@code path}. */
  public static Http2Headers grpcHeaders(String path) {
    return new DefaultHttp2Headers()
        .method("POST")
        .scheme("http")
        .authority("127.0.0.1")
        .path(path)
        .set("content-type", "application/grpc")
        .set("te", "trailers");
  }

  /** {@code bytes} as a length-prefixed message. */
  public static byte[] message(boolean compressed, byte[] bytes) {
    return ByteBuffer.allocate(5 + bytes.length)
        .put((byte) (compressed ? 1 : 0))
        .putInt(bytes.length)
        .put(bytes)
        .array();
  }

  /** Sends the headers and each array as a DATA frame, the last one ending the stream. */
  public Answer call(Http2Headers headers, byte[]... data) throws Exception {
    return send(headers, true, data);
  }

  /** As {@link #call}, but the request stream is left open: the server must answer anyway. */
  public Answer callWithoutEnd(Http2Headers headers, byte[]... data) throws Exception {
    return send(headers, false, data);
  }

  private Answer send(Http2Headers headers, boolean end, byte[]... data) throws Exception {
    Collector collector = new Collector();
    Http2StreamChannel stream =
        new Http2StreamChannelBootstrap(connection).handler(collector).open().sync().getNow();
    stream.write(new DefaultHttp2HeadersFrame(headers, end && data.length == 0));
    for (int i = 0; i < data.length; i++) {
      boolean last = end && i == data.length - 1;
      stream.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(data[i]), last));
    }
    stream.flush();
    return collector.answer.get(20, TimeUnit.SECONDS);
  }

  public boolean isOpen() {
    return connection.isActive();
  }

  @Override
  public void close() {
    connection.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static final class Collector extends ChannelInboundHandlerAdapter {
    final CompletableFuture<Answer> answer = new CompletableFuture<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private Http2Headers headers;
    private Http2Headers trailers;
    private Http2Error reset;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        boolean end = false;
        if (msg instanceof Http2HeadersFrame frame) {
          if (headers == null) {
            headers = frame.headers();
          } else {
            trailers = frame.headers();
          }
          end = frame.isEndStream();
        } else if (msg instanceof Http2DataFrame frame) {
          body.writeBytes(ByteBufUtil.getBytes(frame.content()));
          end = frame.isEndStream();
        }
        if (end) {
          complete();
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      // frames read before the reset may still be queued in the stream channel: the answer is
      // complete once it closes
      if (event instanceof Http2ResetFrame frame) {
        reset = Http2Error.valueOf(frame.errorCode());
      }
      ReferenceCountUtil.release(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      complete();
    }

    private void complete() {
      answer.complete(new Answer(headers, body.toByteArray(), trailers, reset));
    }
  }
}
