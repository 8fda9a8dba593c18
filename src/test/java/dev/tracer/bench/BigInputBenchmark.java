package dev.tracer.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings of the benchmarks whose one operation works through a big prepared input (a trace of
 * up to a million spans, a store's worth of spans), said once:
 *
 * <ul>
 * <li>average time per operation, in milliseconds;</li>
 * <li>one fork with {@code -Xmx4g} (a million spans and their tree are a few hundred MB, more than a
 * small default heap) and otherwise the JVM's defaults;</li>
 * <li>3 warm-up and 5 measured iterations of 2 s each;</li>
 * <li>the benchmark object is the state, one for all threads, so the input a subclass prepares in its
 * {@code @Setup(Level.Trial)} is made once per fork.</li>
 * </ul>
 *
 * JMH's annotations are inherited, and JMH takes the one nearest the benchmark: a subclass that needs
 * another setting (a smaller heap, fewer warm-ups) carries that one annotation itself. The benchmark
 * methods stay on the subclasses, under the names results are compared by across commits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class BigInputBenchmark {

}
