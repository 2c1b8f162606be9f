package io.k3j.core.apiserver.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.k3j.core.apiserver.ApiException;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Admissionregistration;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V1Storage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The protobuf message of each built-in kind, found from the generated descriptors: a file's
 * package ends in {@code <group>.<version>} (e.g. {@code k8s.io.api.rbac.v1}), and every top-level
 * message with {@code ObjectMeta} metadata is a kind of that group version.
 */
final class KindIndex {
  private static final String OBJECT_META = "k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta";
  private static final KindIndex BUILTIN =
      new KindIndex(
          List.of(
              V1.getDescriptor(),
              V1Admissionregistration.getDescriptor(),
              V1Apps.getDescriptor(),
              V1Authentication.getDescriptor(),
              V1Authorization.getDescriptor(),
              V1Autoscaling.getDescriptor(),
              V1Batch.getDescriptor(),
              V1Certificates.getDescriptor(),
              V1Networking.getDescriptor(),
              V1Policy.getDescriptor(),
              V1Rbac.getDescriptor(),
              V1Scheduling.getDescriptor(),
              V1Storage.getDescriptor()));

  private final Map<String, Descriptor> kinds = new HashMap<>();

  private KindIndex(List<FileDescriptor> files) {
    for (FileDescriptor file : files) {
      String[] parts = file.getPackage().split("\\.");
      String groupVersion = parts[parts.length - 2] + "/" + parts[parts.length - 1];
      for (Descriptor message : file.getMessageTypes()) {
        FieldDescriptor metadata = message.findFieldByName("metadata");
        if (metadata != null
            && metadata.getType() == FieldDescriptor.Type.MESSAGE
            && metadata.getMessageType().getFullName().equals(OBJECT_META)) {
          kinds.put(groupVersion + "/" + message.getName(), message);
        }
      }
    }
  }

  /** The kinds of the GA ({@code v1}) API groups in {@code io.kubernetes:client-java-proto}. */
  static KindIndex builtin() {
    return BUILTIN;
  }

  /**
   * The message of a kind. The core group is {@code core}; other groups are matched by their first
   * DNS label, so only Kubernetes' own groups (no dot, or under {@code k8s.io}) are looked up.
   * {@code DeleteOptions} is known in every group version, as apimachinery's {@code
   * metav1.AddToGroupVersion} registers it there: client-go sends it as the body of a DELETE in the
   * group version of the resource (Helm's uninstall does, for its release Secrets).
   */
  Descriptor find(String apiVersion, String kind) {
    int slash = apiVersion.lastIndexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    Descriptor message = null;
    boolean kubernetesGroup = !group.contains(".") || group.endsWith(".k8s.io");
    if (kind.equals("DeleteOptions") && kubernetesGroup) {
      message = Meta.DeleteOptions.getDescriptor();
    } else if (group.isEmpty()) {
      message = kinds.get("core/" + version + "/" + kind);
    } else if (kubernetesGroup) {
      message = kinds.get(group.split("\\.")[0] + "/" + version + "/" + kind);
    }
    if (message == null) {
      throw new ApiException(
          415,
          "UnsupportedMediaType",
          "the server has no protobuf schema for "
              + apiVersion
              + " "
              + kind
              + "; send it as application/json");
    }
    return message;
  }
}
