package io.k3j.suc.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.k3j.crds.upgrade.v1.DrainSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The {@code kubectl drain} arguments upstream builds from a plan's {@code spec.drain}. */
public final class DrainArgs {
  /** Pods with this label (the controller's and the Jobs') are never evicted. */
  static final String CONTROLLER_LABEL = "upgrade.cattle.io/controller";

  private DrainArgs() {}

  public static List<String> of(String nodeName, DrainSpec drain) {
    List<String> args =
        new ArrayList<>(
            List.of("drain", nodeName, "--pod-selector", podSelector(drain.getPodSelector())));
    if (!Boolean.FALSE.equals(drain.getIgnoreDaemonSets())) {
      args.add("--ignore-daemonsets");
    }
    if (!Boolean.FALSE.equals(drain.getDeleteLocalData())
        && !Boolean.FALSE.equals(drain.getDeleteEmptydirData())) {
      args.add("--delete-emptydir-data");
    }
    if (Boolean.TRUE.equals(drain.getForce())) {
      args.add("--force");
    }
    if (drain.getTimeout() != null) {
      args.add("--timeout");
      args.add(timeout(drain.getTimeout()));
    }
    if (drain.getGracePeriod() != null) {
      args.add("--grace-period");
      args.add(String.valueOf(drain.getGracePeriod()));
    }
    if (Boolean.TRUE.equals(drain.getDisableEviction())) {
      args.add("--disable-eviction=true");
    }
    if (drain.getSkipWaitForDeleteTimeout() != null && drain.getSkipWaitForDeleteTimeout() > 0) {
      args.add("--skip-wait-for-delete-timeout");
      args.add(String.valueOf(drain.getSkipWaitForDeleteTimeout()));
    }
    return args;
  }

  /** An integer timeout is nanoseconds, printed as a Go duration; a string passes through. */
  static String timeout(IntOrString timeout) {
    return timeout.getIntVal() != null
        ? GoDuration.format(timeout.getIntVal())
        : timeout.getStrVal();
  }

  /**
   * The plan's pod selector as selector text, always excluding controller-labelled pods;
   * requirements sorted by key, as apimachinery prints selectors.
   */
  static String podSelector(LabelSelector selector) {
    List<LabelSelectorRequirement> requirements = new ArrayList<>();
    if (selector != null) {
      Map<String, String> labels =
          selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
      labels.forEach((k, v) -> requirements.add(new LabelSelectorRequirement(k, "In", List.of(v))));
      if (selector.getMatchExpressions() != null) {
        requirements.addAll(selector.getMatchExpressions());
      }
    }
    requirements.add(new LabelSelectorRequirement(CONTROLLER_LABEL, "DoesNotExist", null));
    return requirements.stream()
        .sorted(Comparator.comparing(LabelSelectorRequirement::getKey))
        .map(DrainArgs::text)
        .collect(Collectors.joining(","));
  }

  private static String text(LabelSelectorRequirement r) {
    List<String> values =
        r.getValues() == null ? List.of() : r.getValues().stream().sorted().toList();
    return switch (r.getOperator()) {
      case "In" ->
          values.size() == 1
              ? r.getKey() + "=" + values.get(0)
              : r.getKey() + " in (" + String.join(",", values) + ")";
      case "NotIn" -> r.getKey() + " notin (" + String.join(",", values) + ")";
      case "Exists" -> r.getKey();
      case "DoesNotExist" -> "!" + r.getKey();
      default -> throw new IllegalArgumentException("spec.drain.podSelector is not selectable");
    };
  }
}
