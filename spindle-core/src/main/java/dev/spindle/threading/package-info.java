/**
 * Python's {@code threading} module on the JVM: {@link dev.spindle.threading.Lock},
 * {@link dev.spindle.threading.RLock}, {@link dev.spindle.threading.Condition},
 * {@link dev.spindle.threading.Semaphore}, {@link dev.spindle.threading.BoundedSemaphore},
 * {@link dev.spindle.threading.Event}, {@link dev.spindle.threading.Barrier},
 * {@link dev.spindle.threading.Timer} and {@link dev.spindle.threading.Threads}, with deadlock
 * detection at acquire time ({@link dev.spindle.threading.Deadlocks}).
 *
 * <p><b>Conventions.</b>
 * <ul>
 *   <li>Threads are {@link java.lang.Thread}s and thread-local data is
 *       {@link java.lang.ThreadLocal}: where the JDK already has Python's semantics, Spindle
 *       does not wrap it (see {@link dev.spindle.threading.Threads}).</li>
 *   <li>Every method that can block throws {@link java.lang.InterruptedException} and leaves the
 *       object as it was; timeouts are {@link java.time.Duration}s, never null. {@code
 *       tryAcquire(Duration)} on a lock rejects a negative timeout; conditions, semaphores,
 *       events and barriers treat {@code <= 0} as "check once, do not wait". Huge timeouts
 *       saturate.</li>
 *   <li>{@code hold()} replaces Python's {@code with}: it acquires and returns a
 *       {@link dev.spindle.threading.Held} for try-with-resources.</li>
 *   <li>Python's exceptions map to Java's: {@code RuntimeError} on releasing an unheld lock is
 *       {@link java.lang.IllegalMonitorStateException}, {@code ValueError} for a bad argument
 *       {@link java.lang.IllegalArgumentException} and for a bad state
 *       {@link java.lang.IllegalStateException}, {@code BrokenBarrierError}
 *       {@link java.util.concurrent.BrokenBarrierException}. Messages name the argument and its
 *       value.</li>
 *   <li>{@code toString()} shows the state in Python's words: {@code Lock[locked by main]},
 *       {@code Event[set]}, {@code BoundedSemaphore[value=2/3]}.</li>
 * </ul>
 */
package dev.spindle.threading;
