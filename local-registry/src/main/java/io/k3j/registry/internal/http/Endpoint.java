package io.k3j.registry.internal.http;

/**
 * One endpoint of the registry. {@link #begin} sees the request head (and chooses where the body
 * goes); {@link #complete} runs after the last body byte and writes the response. Either may throw
 * an {@link io.k3j.registry.internal.oci.OciException}, which the handler renders.
 */
public interface Endpoint {
  default void begin(Exchange ex) throws Exception {}

  void complete(Exchange ex) throws Exception;
}
