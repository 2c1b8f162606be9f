package io.k3j.benchmarks;

/**
 * What one throughput cell measured: operations that completed inside the measured window, the ones
 * that failed, how many of the threads completed at least one operation in it, and the latency of
 * each operation from submission to acknowledgement.
 */
record Throughput(
    long ops,
    long errors,
    int threadsProgressed,
    int threads,
    double seconds,
    Latencies latency,
    String firstError) {

  double perSecond() {
    return ops / seconds;
  }
}
