package io.k3j.core.clients.operator;

/** What a {@link Site} asks for. */
public class SiteSpec {
  private String image;
  private int replicas;
  private int port;

  public SiteSpec() {}

  public SiteSpec(String image, int replicas, int port) {
    this.image = image;
    this.replicas = replicas;
    this.port = port;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public int getReplicas() {
    return replicas;
  }

  public void setReplicas(int replicas) {
    this.replicas = replicas;
  }

  public int getPort() {
    return port;
  }

  public void setPort(int port) {
    this.port = port;
  }
}
