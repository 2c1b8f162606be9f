package io.k3j.crds.k3s.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The observed state of an {@link Addon}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AddonStatus {
  /** The kinds of the objects most recently applied from the manifest. */
  private List<GroupVersionKind> gvks;

  public List<GroupVersionKind> getGvks() {
    return gvks;
  }

  public void setGvks(List<GroupVersionKind> gvks) {
    this.gvks = gvks;
  }
}
