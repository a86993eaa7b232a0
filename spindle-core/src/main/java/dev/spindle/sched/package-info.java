/**
 * Python's {@code sched} module on the JVM: {@link dev.spindle.sched.Scheduler} (Python's
 * {@code sched.scheduler}) runs actions at given times, and {@link dev.spindle.sched.VirtualClock}
 * gives it a clock that moves only when told to, for simulations and tests that take no real
 * time.
 *
 * <p><b>Conventions.</b>
 * <ul>
 *   <li>Time is a {@code double}, as in Python: seconds by default, or whatever unit the
 *       scheduler's {@code timefunc} uses. Delays may also be given as a
 *       {@link java.time.Duration}. A time or delay that is infinite or NaN is an
 *       {@link java.lang.IllegalArgumentException} whose message names the argument and its
 *       value.</li>
 *   <li>Python's {@code action, argument, kwargs} is one {@link java.lang.Runnable}: a lambda
 *       captures the arguments ({@code () -> printTime("positional")}).</li>
 *   <li>Events run in order of time, then priority (lower first), then entry order. Cancelling
 *       an event that is no longer queued is an {@link java.lang.IllegalStateException} (Python's
 *       {@code ValueError}).</li>
 *   <li>A scheduler is thread-safe: any thread may enter and cancel events at any time,
 *       including actions and a thread blocked in {@code run()}. {@code run()} throws
 *       {@link java.lang.InterruptedException}; a {@code delayfunc}, which cannot, reports an
 *       interrupt by returning early with the thread's interrupt status set.</li>
 *   <li>{@code toString()} shows the state: {@code Scheduler[2 events, next at 5.0]},
 *       {@code Event[time=5.0, priority=1, sequence=2, action=...]},
 *       {@code VirtualClock[time=3.0]}.</li>
 * </ul>
 */
package dev.spindle.sched;
