/**
 * Python's {@code concurrent.futures} on the JVM: {@link dev.spindle.futures.Future},
 * {@link dev.spindle.futures.Executor}, {@link dev.spindle.futures.ThreadPoolExecutor} (platform
 * threads, or a virtual thread per task), and {@link dev.spindle.futures.Futures#wait} and
 * {@link dev.spindle.futures.Futures#asCompleted}.
 *
 * <p><b>Conventions.</b>
 * <ul>
 *   <li>Every Spindle {@code Future} is also a {@link java.util.concurrent.Future} and every
 *       {@code Executor} a {@link java.util.concurrent.ExecutorService}, with the JDK's meaning
 *       for the JDK's methods; {@link dev.spindle.futures.Future#toCompletableFuture()} bridges to
 *       {@link java.util.concurrent.CompletableFuture}.</li>
 *   <li>A call's exception reaches {@code result()} as a
 *       {@link java.util.concurrent.CompletionException} whose cause is that exception (as
 *       {@code CompletableFuture.join()}), and {@code get()} as an
 *       {@link java.util.concurrent.ExecutionException}; Python's {@code CancelledError} is
 *       {@link java.util.concurrent.CancellationException}, {@code TimeoutError}
 *       {@link java.util.concurrent.TimeoutException}, {@code InvalidStateError}
 *       {@link java.lang.IllegalStateException}, submitting after shutdown
 *       {@link java.util.concurrent.RejectedExecutionException}, and {@code BrokenExecutor}
 *       {@link dev.spindle.futures.BrokenExecutorException}.</li>
 *   <li>Iterators cannot throw checked exceptions: those of {@code map} and {@code asCompleted}
 *       throw {@link dev.spindle.futures.UncheckedTimeoutException} when their deadline passes,
 *       and are {@link dev.spindle.futures.CloseableIterator}s, closed to stop early.</li>
 *   <li>Timeouts are {@link java.time.Duration}s, never null; {@code <= 0} checks without
 *       waiting; huge ones saturate. Blocking methods throw {@link java.lang.InterruptedException}
 *       and leave the object as it was.</li>
 *   <li>{@code try (Executor pool = ...)} replaces Python's {@code with}: {@code close()} is
 *       {@code shutdown(wait=true)}.</li>
 *   <li>{@code toString()} shows the state in Python's words:
 *       {@code Future[state=finished returned Integer]}.</li>
 * </ul>
 *
 * <p>{@code Future} and {@code Executor} hold nothing specific to threads: other executors (a
 * process pool, a cluster) reuse them as they are, and get {@code map}'s semantics for free.
 */
package dev.spindle.futures;
