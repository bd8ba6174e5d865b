/**
 * Benchmarks: JMH benchmarks (run with {@code benchmarks/run.sh jmh}) and the client throughput
 * harness (run with {@code benchmarks/run.sh throughput}).
 */
package dev.ketch.bench;
