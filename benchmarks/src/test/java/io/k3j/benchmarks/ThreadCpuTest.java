package io.k3j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

  @Test
  @DisplayName("the CPU a thread burns between two readings is counted under its pool's name")
  void countsABusyThreadUnderItsGroup() throws Exception {
    ThreadCpu before = ThreadCpu.of(ProcessHandle.current().pid());
    Thread burner = new Thread(ThreadCpuTest::burn, "cpu-burner-3-17");
    burner.start();
    burner.join();
    Map<String, Double> used = ThreadCpu.of(ProcessHandle.current().pid()).since(before);
    // The thread has ended: its CPU is gone from /proc, so a reading after it counts nothing.
    assertThat(used).doesNotContainKey("cpu-burner");

    ThreadCpu start = ThreadCpu.of(ProcessHandle.current().pid());
    Object done = new Object();
    Thread busy =
        new Thread(
            () -> {
              burn();
              synchronized (done) {
                try {
                  done.wait();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            },
            "cpu-burner-3-18");
    busy.start();
    try {
      while (busy.getState() != Thread.State.WAITING) {
        Thread.onSpinWait();
      }
      Map<String, Double> groups = ThreadCpu.of(ProcessHandle.current().pid()).since(start);
      assertThat(groups).containsKey("cpu-burner");
      assertThat(groups.get("cpu-burner")).isGreaterThanOrEqualTo(0.2);
      assertThat(ThreadCpu.describe("test", groups, 1000)).contains("cpu-burner ");
    } finally {
      busy.interrupt();
      busy.join();
    }
  }

  /** About 0.3 s of CPU. */
  private static void burn() {
    java.lang.management.ThreadMXBean bean =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long until = bean.getCurrentThreadCpuTime() + 300_000_000L;
    long x = 0;
    while (bean.getCurrentThreadCpuTime() < until) {
      x += System.nanoTime() % 7;
    }
    if (x == 42) {
      System.out.println(x);
    }
  }
}
