package dev.spindle.sched;

import dev.spindle.internal.Timeouts;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;

/**
 * An event scheduler, Python's {@code sched.scheduler}: actions entered for a time are run, in
 * time order, by whichever thread calls {@link #run()}.
 *
 * <p><b>Time and order.</b> Time is a {@code double} in the units of the scheduler's
 * {@code timefunc}, seconds by default, as in Python. {@link #enterabs} enters an action for an
 * absolute time, {@link #enter(double, int, Runnable)} for a delay from now (the time is read
 * when {@code enter} is called: SCHED-17). Events run in order of time, then priority (lower
 * numbers first), then entry order (SCHED-01..04): each {@link Event} carries a
 * {@linkplain Event#sequence() sequence number} that rises with every entry. {@link #cancel}
 * removes a queued event (SCHED-05, SCHED-06) and throws {@link IllegalStateException} for one
 * that already ran or was cancelled (SCHED-07). {@link #queue()} lists the pending events in run
 * order (SCHED-09).
 *
 * <p><b>Running.</b> {@link #run()} runs every event as its time comes and returns when the
 * queue is empty; {@link #run(boolean) run(false)} runs only the events already due and returns
 * the delay until the next one (SCHED-11). Actions run in the calling thread, one at a time,
 * without the scheduler's lock held, so they may enter and cancel events, as may any other
 * thread at any time. An action that throws ends {@code run()} with that exception, its event
 * already removed; {@code run()} may be called again for the rest (SCHED-16).
 *
 * <p><b>Waiting.</b> With a {@code delayfunc} of your own ({@link #Scheduler(DoubleSupplier,
 * DoubleConsumer)}), the scheduler behaves exactly as Python's: when the next event is not due
 * it calls {@code delayfunc(time - now)} with its lock released and looks again when that
 * returns (an early return is fine), and it calls {@code delayfunc(0)} after each action
 * (SCHED-15). An event entered while the delay function runs, even an earlier one, is seen only
 * when it returns (SCHED-13). A delay function that is interrupted should return early with the
 * thread's interrupt status set, as {@link VirtualClock#sleep(double)} does.
 *
 * <p>The default scheduler, {@link #Scheduler()}, reads a monotonic clock in seconds (Python's
 * {@code time.monotonic}) and does better than sleeping: it waits on a condition of its lock,
 * which {@code enterabs} and {@code cancel} signal whenever the next event changes. So an event
 * entered for earlier than the one awaited runs on time, and a {@code run()} whose last event is
 * cancelled returns at once, where Python would sleep on until the old event's time. It makes no
 * {@code delayfunc(0)} call: other threads never need the scheduler to pause to get its lock.
 *
 * <p><b>Interruption.</b> {@code run} throws {@link InterruptedException} when the thread is
 * interrupted while it waits, or is found interrupted after an action or a delay function
 * returns. The events not yet run stay queued.
 *
 * <p><b>Sample usage</b>: the example of Python's documentation, with arguments captured by the
 * lambdas instead of {@code argument=} and {@code kwargs=},
 * {@snippet :
 * Scheduler scheduler = new Scheduler();
 * scheduler.enter(10, 1, () -> printTime("default"));
 * scheduler.enter(5, 2, () -> printTime("positional"));
 * scheduler.enter(Duration.ofSeconds(5), 1, () -> printTime("keyword"));
 * scheduler.run();   // keyword at 5 s, positional at 5 s, default at 10 s
 * }
 * A simulation runs in no real time on a {@link VirtualClock}: {@code clock.scheduler()}.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to entering an event
 * happen-before its action runs, in whichever thread calls {@code run}; actions in a thread
 * prior to a {@code cancel} that succeeds happen-before actions in another thread following a
 * {@code queue()} or {@code empty()} that no longer shows the event.
 *
 * <p><b>Cost.</b> The queue is a 4-ary heap that keeps the times in a primitive array:
 * {@code enterabs} and taking the next event are {@code O(log n)}, {@code cancel} is
 * {@code O(1)} amortized (a cancelled entry is dropped lazily, and compacted away before it can
 * double the memory), each with one lock acquisition; {@code queue()} copies and sorts,
 * {@code O(n log n)}.
 */
public final class Scheduler {

    /** The origin of {@link #monotonic()}: keeps its values small, so doubles keep nanoseconds. */
    private static final long ORIGIN = System.nanoTime();

    /*
     * State: `heap`, the queue: a min-heap in run order with lazy cancellation (see EventHeap), and
     * `nextSequence`, which numbers entries. Both are guarded by `lock`, and so is each event's
     * `state` (QUEUED, then TAKEN when run() takes it or CANCELLED), which is how cancel() knows
     * at once whether an event is still queued; `owner` tells it whether the event is its own.
     *
     * `timefunc` is called with the lock held, as CPython does; actions and a pluggable
     * `delayfunc` are called with it released. `delayfunc` is null for the built-in real-time
     * wait: run() then waits on `headChanged` (non-null only then) for at most the delay, and
     * enterabs()/cancel() signal it whenever the next event changes. Several threads may run()
     * at once; each event is taken by exactly one.
     */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition headChanged;
    private final DoubleSupplier timefunc;
    private final DoubleConsumer delayfunc;
    private final EventHeap heap = new EventHeap();
    private long nextSequence;

    /**
     * Creates a scheduler on a monotonic clock in seconds that waits in real time (Python's
     * {@code scheduler()}, whose defaults are {@code time.monotonic} and {@code time.sleep}),
     * waking early when an earlier event is entered.
     */
    public Scheduler() {
        this.timefunc = Scheduler::monotonic;
        this.delayfunc = null;
        this.headChanged = lock.newCondition();
    }

    /**
     * Creates a scheduler with its own clock and delay, Python's
     * {@code scheduler(timefunc, delayfunc)}.
     *
     * @param timefunc returns the current time, in any unit; called with the scheduler's lock
     *     held, so it must not wait for another thread that uses this scheduler
     * @param delayfunc waits for the given time, in the unit of {@code timefunc}; called with the
     *     lock released, with {@code time - now} when the next event is not due and with 0 after
     *     each action
     * @throws NullPointerException if either is null
     */
    public Scheduler(DoubleSupplier timefunc, DoubleConsumer delayfunc) {
        this.timefunc = Objects.requireNonNull(timefunc, "timefunc");
        this.delayfunc = Objects.requireNonNull(delayfunc, "delayfunc");
        this.headChanged = null;
    }

    /** Seconds from a fixed, arbitrary origin, never going back: Python's {@code time.monotonic()}. */
    private static double monotonic() {
        return (System.nanoTime() - ORIGIN) / 1e9;
    }

    /** Returns the scheduler's current time: its {@code timefunc}, Python's {@code s.timefunc()}. */
    public double time() {
        return timefunc.getAsDouble();
    }

    /**
     * Enters {@code action} to run at {@code time}, Python's {@code enterabs(time, priority,
     * action)}. A time already past makes the event due at once.
     *
     * @param priority orders events of equal time, lower first
     * @return the event, for {@link #cancel}
     * @throws IllegalArgumentException if {@code time} is infinite or NaN
     * @throws NullPointerException if {@code action} is null
     */
    public Event enterabs(double time, int priority, Runnable action) {
        checkFinite(time, "time");
        Objects.requireNonNull(action, "action");
        lock.lock();
        try {
            Event event = new Event(this, time, priority, nextSequence++, action);
            if (heap.add(event) && headChanged != null) {
                headChanged.signalAll();
            }
            return event;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Enters {@code action} to run {@code delay} from now: at {@code time() + delay}, the time
     * being read at this call (SCHED-17). A negative delay makes the event due at once.
     *
     * @return the event, for {@link #cancel}
     * @throws IllegalArgumentException if {@code delay} is infinite or NaN
     * @throws NullPointerException if {@code action} is null
     */
    public Event enter(double delay, int priority, Runnable action) {
        checkFinite(delay, "delay");
        Objects.requireNonNull(action, "action");
        return enterabs(timefunc.getAsDouble() + delay, priority, action);
    }

    /**
     * Enters {@code action} to run {@code delay} from now, for a scheduler whose time is in
     * seconds (the default one, or one on a {@link VirtualClock}). Huge durations saturate at
     * about 73 years, as timeouts do.
     *
     * @return the event, for {@link #cancel}
     * @throws NullPointerException if {@code delay} or {@code action} is null
     */
    public Event enter(Duration delay, int priority, Runnable action) {
        return enter(Timeouts.toNanos(Objects.requireNonNull(delay, "delay")) / 1e9, priority, action);
    }

    /**
     * Removes {@code event} from the queue: it will not run (SCHED-05, SCHED-06).
     *
     * @throws IllegalStateException if the event is not queued: it already ran or is running,
     *     was cancelled, or belongs to another scheduler (SCHED-07)
     * @throws NullPointerException if {@code event} is null
     */
    public void cancel(Event event) {
        Objects.requireNonNull(event, "event");
        lock.lock();
        try {
            if (event.owner != this) {
                throw new IllegalStateException("cannot cancel an event of another scheduler: " + event);
            }
            if (event.state != Event.QUEUED) {
                throw new IllegalStateException("cannot cancel an event that is not queued (it ran or was cancelled): " + event);
            }
            if (heap.cancel(event) && headChanged != null) {
                headChanged.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Returns true if no event is queued (SCHED-08). */
    public boolean empty() {
        lock.lock();
        try {
            return heap.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the queued events in the order they will run (SCHED-09): a snapshot, which later
     * entries and cancellations do not change, and which cannot be modified.
     */
    public List<Event> queue() {
        Event[] events;
        lock.lock();
        try {
            events = heap.snapshot();
        } finally {
            lock.unlock();
        }
        return Collections.unmodifiableList(Arrays.asList(events));
    }

    /**
     * Runs every event as its time comes, and returns when the queue is empty: Python's
     * {@code run()}. Waits between events as the class documentation describes.
     *
     * @throws InterruptedException if interrupted while waiting, or found interrupted after an
     *     action or a delay; the events not yet run stay queued
     */
    public void run() throws InterruptedException {
        run(true);
    }

    /**
     * Runs the events that are due; with {@code blocking}, also waits for and runs the later
     * ones, as {@link #run()} does. Python's {@code run(blocking)}.
     *
     * @return with {@code blocking} false: the delay until the next event (its time minus now)
     *     if any is left, else empty (Python's {@code None}); with {@code blocking} true: empty
     * @throws InterruptedException if interrupted while waiting, or found interrupted after an
     *     action or a delay; the events not yet run stay queued
     */
    public OptionalDouble run(boolean blocking) throws InterruptedException {
        for (;;) {
            Event due = null;
            double delay = 0.0;
            lock.lock();
            try {
                for (;;) {
                    if (heap.isEmpty()) {
                        return OptionalDouble.empty();
                    }
                    double time = heap.topTime();
                    double now = timefunc.getAsDouble();
                    if (!(time > now)) {
                        due = heap.takeTop();
                        break;
                    }
                    delay = time - now;
                    if (!blocking) {
                        return OptionalDouble.of(delay);
                    }
                    if (delayfunc != null) {
                        break;
                    }
                    // The built-in wait: enterabs/cancel signal when the head changes.
                    headChanged.awaitNanos(toWaitNanos(delay));
                }
            } finally {
                lock.unlock();
            }
            if (due != null) {
                due.action.run();
                if (delayfunc != null) {
                    delayfunc.accept(0.0);   // Python: "Let other threads run"
                }
            } else {
                delayfunc.accept(delay);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while running the scheduler");
            }
        }
    }

    /** Returns the state: {@code Scheduler[empty]} or {@code Scheduler[3 events, next at 10.0]}. */
    @Override
    public String toString() {
        lock.lock();
        try {
            int n = heap.queued();
            return n == 0 ? "Scheduler[empty]"
                    : "Scheduler[" + n + (n == 1 ? " event" : " events") + ", next at " + heap.topTime() + "]";
        } finally {
            lock.unlock();
        }
    }

    /** Seconds to whole nanoseconds for a wait, rounded up (so the event is due on waking) and saturated. */
    private static long toWaitNanos(double seconds) {
        return (long) Math.min(Math.ceil(seconds * 1e9), (double) Timeouts.MAX_WAIT_NANOS);
    }

    private static void checkFinite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("'" + name + "' must be a finite number: " + value);
        }
    }

    /**
     * An entry in a {@link Scheduler}'s queue, Python's {@code sched.Event}: the time, priority,
     * sequence number and action given to (or made by) {@code enterabs}. Python's
     * {@code argument} and {@code kwargs} are whatever the {@link Runnable} captured.
     *
     * <p>Events are immutable and compare by identity: each {@code enterabs} makes a new one.
     * Their natural order ({@link #compareTo}) is the run order: time, then priority, then
     * sequence (SCHED-04), which separates any two events of one scheduler.
     */
    public static final class Event implements Comparable<Event> {

        /** In the queue, waiting to run. */
        static final int QUEUED = 0;
        /** Taken from the queue by run(), to run now. */
        static final int TAKEN = 1;
        /** Cancelled; its entry may stay in the heap until it is dropped. */
        static final int CANCELLED = 2;

        final Scheduler owner;
        private final double time;
        private final int priority;
        private final long sequence;
        private final Runnable action;

        /** QUEUED, TAKEN or CANCELLED; guarded by the owner's lock. */
        int state = QUEUED;

        Event(Scheduler owner, double time, int priority, long sequence, Runnable action) {
            this.owner = owner;
            this.time = time;
            this.priority = priority;
            this.sequence = sequence;
            this.action = action;
        }

        /** Returns when the event is due, in the unit of the scheduler's {@code timefunc}. */
        public double time() {
            return time;
        }

        /** Returns the priority: among events of equal time, lower numbers run first. */
        public int priority() {
            return priority;
        }

        /** Returns the entry number: 0 for the scheduler's first entry, rising with each one. */
        public long sequence() {
            return sequence;
        }

        /** Returns the action that runs when the event is due. */
        public Runnable action() {
            return action;
        }

        /** Orders by time, then priority, then sequence: the order in which events run. */
        @Override
        public int compareTo(Event other) {
            if (time < other.time) {
                return -1;
            }
            if (time > other.time) {
                return 1;
            }
            if (priority != other.priority) {
                return priority < other.priority ? -1 : 1;
            }
            return Long.compare(sequence, other.sequence);
        }

        /**
         * Returns the fields in Python's words:
         * {@code Event[time=10.0, priority=1, sequence=0, action=...]}.
         */
        @Override
        public String toString() {
            return "Event[time=" + time + ", priority=" + priority + ", sequence=" + sequence + ", action=" + action + "]";
        }
    }
}
