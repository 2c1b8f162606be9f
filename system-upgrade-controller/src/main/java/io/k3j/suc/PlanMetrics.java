package io.k3j.suc;

import io.k3j.suc.model.PlanProgress;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-plan Prometheus meters, tagged {@code plan=<namespace>/<name>}: gauges {@code
 * suc_plan_nodes_selected}, {@code _done}, {@code _in_progress}, {@code _failed}, and the timer
 * {@code suc_plan_rollout_duration_seconds} from the first node selected for a hash to Complete.
 * Rollouts that a restart interrupts are not timed.
 */
final class PlanMetrics {
  private final MeterRegistry registry;
  private final Map<String, PlanMeters> plans = new ConcurrentHashMap<>();

  PlanMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  private final class PlanMeters {
    final AtomicInteger total = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    final AtomicInteger inProgress = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final Timer duration;
    final List<Meter> meters;
    volatile String rolloutHash;
    volatile Instant rolloutStart;

    PlanMeters(String plan) {
      duration = timer(plan);
      meters =
          List.of(
              gauge("suc.plan.nodes.selected", "Nodes the plan selects", plan, total),
              gauge("suc.plan.nodes.done", "Nodes upgraded to the latest hash", plan, done),
              gauge("suc.plan.nodes.in.progress", "Nodes being upgraded", plan, inProgress),
              gauge("suc.plan.nodes.failed", "Nodes whose upgrade Job failed", plan, failed),
              duration);
    }

    Meter gauge(String name, String help, String plan, AtomicInteger value) {
      return Gauge.builder(name, value, AtomicInteger::get)
          .description(help)
          .tag("plan", plan)
          .register(registry);
    }

    Timer timer(String plan) {
      return Timer.builder("suc.plan.rollout.duration")
          .description("From the first node selected for a hash to Complete")
          .tag("plan", plan)
          .register(registry);
    }
  }

  /** Records the counts of a reconcile and times the rollout of the hash. */
  void update(String plan, String hash, PlanProgress progress, boolean complete, Instant now) {
    PlanMeters m = plans.computeIfAbsent(plan, PlanMeters::new);
    m.total.set(progress.total());
    m.done.set(progress.done());
    m.inProgress.set(progress.inProgress());
    m.failed.set(progress.failed());
    if (complete) {
      if (m.rolloutStart != null && hash.equals(m.rolloutHash)) {
        m.duration.record(Duration.between(m.rolloutStart, now));
      }
      m.rolloutStart = null;
      m.rolloutHash = null;
    } else if (!hash.equals(m.rolloutHash)) {
      m.rolloutHash = hash;
      m.rolloutStart = now;
    }
  }

  /** Removes a deleted plan's meters. */
  void remove(String plan) {
    PlanMeters m = plans.remove(plan);
    if (m != null) {
      m.meters.forEach(registry::remove);
    }
  }
}
