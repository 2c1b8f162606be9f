package io.k3j.registry.internal.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;

/** One request in flight: its head, its route and where its body went. */
public final class Exchange {
  private final ChannelHandlerContext ctx;
  private final HttpRequest request;
  private final Route route;
  private final String repository;
  private BodySink body = BodySink.DISCARD;
  private Object state;

  public Exchange(ChannelHandlerContext ctx, HttpRequest request, Route route, String repository) {
    this.ctx = ctx;
    this.request = request;
    this.route = route;
    this.repository = repository;
  }

  public ChannelHandlerContext ctx() {
    return ctx;
  }

  public HttpRequest request() {
    return request;
  }

  public HttpMethod method() {
    return request.method();
  }

  public Route route() {
    return route;
  }

  /** The repository after the {@code ns} query parameter was applied. */
  public String repository() {
    return repository;
  }

  public String header(CharSequence name) {
    return request.headers().get(name);
  }

  public BodySink body() {
    return body;
  }

  public void body(BodySink sink) {
    this.body = sink;
  }

  /** Endpoint-specific state carried from the head to the end of the body. */
  @SuppressWarnings("unchecked")
  public <T> T state() {
    return (T) state;
  }

  public void state(Object value) {
    this.state = value;
  }
}
