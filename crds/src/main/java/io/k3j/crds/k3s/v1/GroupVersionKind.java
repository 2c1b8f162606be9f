package io.k3j.crds.k3s.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** One kind an {@link Addon} applied; {@code group} is empty for the core group. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GroupVersionKind {
  private String group;
  private String version;
  private String kind;

  public GroupVersionKind() {}

  public GroupVersionKind(String group, String version, String kind) {
    this.group = group;
    this.version = version;
    this.kind = kind;
  }

  public String getGroup() {
    return group;
  }

  public void setGroup(String group) {
    this.group = group;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupVersionKind g
        && Objects.equals(group, g.group)
        && Objects.equals(version, g.version)
        && Objects.equals(kind, g.kind);
  }

  @Override
  public int hashCode() {
    return Objects.hash(group, version, kind);
  }

  @Override
  public String toString() {
    return group + "/" + version + ", Kind=" + kind;
  }
}
