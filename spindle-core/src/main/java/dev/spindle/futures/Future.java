package dev.spindle.futures;

import dev.spindle.internal.Timeouts;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The result of a call that may not have finished yet, Python's {@code concurrent.futures.Future};
 * also a {@link java.util.concurrent.Future} and convertible to a {@link CompletableFuture}.
 *
 * <p><b>States.</b> A future is <em>pending</em>, <em>running</em>, <em>cancelled</em> or
 * <em>finished</em> (with a result or an exception), as in Python. {@link #cancel()} succeeds
 * only while the future is pending: a running future cannot be cancelled (FUT-07). An executor
 * moves a future from pending to running with {@link #setRunningOrNotifyCancel()}, which for a
 * cancelled future instead <em>notifies</em> {@link Futures#wait} and {@link Futures#asCompleted}
 * that it is done (Python's {@code CANCELLED_AND_NOTIFIED}); those two count a cancelled future as
 * done only from then on (WAIT-02), while {@link #done()}, {@link #result()} and the callbacks see
 * the cancellation at once. Executors and tests complete a future with {@link #setResult} or
 * {@link #setException}; both fail with {@link IllegalStateException} once the future is done
 * (FUT-14..16).
 *
 * <p><b>Results.</b> {@link #result()} returns the value, or throws {@link CompletionException}
 * whose cause is the call's exception (as {@link CompletableFuture#join()} does), or
 * {@link CancellationException}. {@link #result(Duration)} also throws {@link TimeoutException};
 * a timeout {@code <= 0} checks without waiting (FUT-09, FUT-20). {@link #exception()} returns
 * the call's exception, or {@code null} after a success. The JDK's {@link #get()},
 * {@link #state()}, {@link #resultNow()} and {@link #exceptionNow()} keep the JDK's meaning.
 *
 * <p><b>Callbacks.</b> {@link #addDoneCallback} callbacks run exactly once, in the order they
 * were added, in the thread that completes or cancels the future, or at once in the calling
 * thread when the future is already done (FUT-01..04). A callback that throws is logged through
 * {@link System.Logger} {@code dev.spindle.futures} and never stops the others (FUT-03, FUT-05).
 *
 * <p><b>Sample usage</b> (an executor does this for you; see {@link ThreadPoolExecutor}):
 * {@snippet :
 * Future<Integer> f = new Future<>();
 * f.addDoneCallback(done -> System.out.println("done: " + done));
 * Thread.ofPlatform().start(() -> {
 *     if (f.setRunningOrNotifyCancel()) {     // false if it was cancelled first
 *         f.setResult(6 * 7);
 *     }
 * });
 * int answer = f.result(Duration.ofSeconds(5)); // 42, or TimeoutException
 * }
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to {@code setResult},
 * {@code setException} or {@code cancel} happen-before actions following the return of any method
 * that observes the outcome ({@code result}, {@code exception}, {@code get}, {@code done}, ...) and
 * the running of the callbacks.
 */
public class Future<T> implements java.util.concurrent.Future<T> {

    /** Logger for callbacks that throw (Python's {@code concurrent.futures} logger). */
    static final System.Logger LOGGER = System.getLogger("dev.spindle.futures");

    /**
     * Python's states and their legal moves; {@link #transition} is the only code that changes
     * the state, and only along these arrows:
     * <pre>
     *   from \ to              RUNNING  CANCELLED  CANCELLED_AND_NOTIFIED  FINISHED
     *   PENDING                   yes       yes            -                  yes
     *   RUNNING                    -         -             -                  yes
     *   CANCELLED                  -         -            yes                  -
     *   CANCELLED_AND_NOTIFIED     -         -             -                   -
     *   FINISHED                   -         -             -                   -
     * </pre>
     * Entering CANCELLED or FINISHED wakes blocked callers and runs the callbacks; entering
     * CANCELLED_AND_NOTIFIED or FINISHED notifies the waiters of {@code wait}/{@code asCompleted}.
     */
    private enum Phase {
        PENDING("pending"),
        RUNNING("running"),
        CANCELLED("cancelled"),
        CANCELLED_AND_NOTIFIED("cancelled"),
        FINISHED("finished");

        /** Python's word for the state in {@code repr}: both cancelled states say "cancelled". */
        final String description;

        Phase(String description) {
            this.description = description;
        }

        boolean canMoveTo(Phase next) {
            return switch (this) {
                case PENDING -> next == RUNNING || next == CANCELLED || next == FINISHED;
                case RUNNING -> next == FINISHED;
                case CANCELLED -> next == CANCELLED_AND_NOTIFIED;
                case CANCELLED_AND_NOTIFIED, FINISHED -> false;
            };
        }

        /** Done for {@code done()}, {@code result()} and the callbacks. */
        boolean done() {
            return this == CANCELLED || this == CANCELLED_AND_NOTIFIED || this == FINISHED;
        }

        /** Done for {@code wait} and {@code asCompleted}. */
        boolean notified() {
            return this == CANCELLED_AND_NOTIFIED || this == FINISHED;
        }
    }

    /** The outcome of a call that threw. */
    private record Failure(Throwable exception) {}

    /** The outcome of a call that returned {@code null}. */
    private static final Object NULL_RESULT = new Object();

    /*
     * State: `state` holds a Phase for PENDING, RUNNING, CANCELLED and CANCELLED_AND_NOTIFIED,
     * and for FINISHED the outcome itself: the value, NULL_RESULT, or a Failure. Phase and
     * Failure are private, so no value a caller passes can be mistaken for them. Every change is
     * one CAS in transition(), so the outcome is published with the state and two racing
     * setters cannot both win: no lock and no intermediate "completing" state.
     *
     * Two Treiber stacks hold who must hear of completion. `listeners` (blocked threads and done
     * callbacks) is closed, by swapping in CLOSED, when the future becomes done; `waiters`
     * (wait/asCompleted) when it is notified. A push that finds CLOSED fails, and the pusher
     * acts itself, so every node is fired exactly once, by whoever closed the stack. Nodes are
     * pushed newest first; callbacks are run in reverse, i.e. in the order added. A thread whose
     * timed wait ends, and a waiter that detaches, leave dead nodes that sweep() unlinks (best
     * effort: a racing sweep may relink a dead node, which is then skipped, never fired; a live
     * node is never unlinked).
     */
    private volatile Object state = Phase.PENDING;
    private volatile Node listeners;
    private volatile Node waiters;

    private static final VarHandle STATE;
    private static final VarHandle LISTENERS;
    private static final VarHandle WAITERS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(Future.class, "state", Object.class);
            LISTENERS = lookup.findVarHandle(Future.class, "listeners", Node.class);
            WAITERS = lookup.findVarHandle(Future.class, "waiters", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Creates a pending future. */
    public Future() {}

    // ---------------------------------------------------------------- the one transition

    private static Phase phaseOf(Object s) {
        return s instanceof Phase p ? p : Phase.FINISHED;
    }

    /**
     * The only write to {@code state}: moves to {@code next} (a Phase, or an outcome for
     * FINISHED) if the table in {@link Phase} allows it from the current state, then fires the
     * stacks that the new state concerns.
     *
     * @return the state before the move; the move happened if and only if
     *     {@code phaseOf(result).canMoveTo(phaseOf(next))}
     */
    private Object transition(Object next) {
        Phase to = phaseOf(next);
        for (;;) {
            Object current = state;
            if (!phaseOf(current).canMoveTo(to)) {
                return current;
            }
            if (STATE.compareAndSet(this, current, next)) {
                if (to.notified()) {
                    fireWaiters();
                }
                if (to == Phase.CANCELLED || to == Phase.FINISHED) {
                    fireListeners();
                }
                return current;
            }
        }
    }

    // ---------------------------------------------------------------- Python's API

    /**
     * Cancels the future if it has not started (Python's {@code cancel()}, FUT-07).
     *
     * @return true if the future is now cancelled (it was pending, or already cancelled); false
     *     if it is running or finished
     */
    public boolean cancel() {
        Phase before = phaseOf(transition(Phase.CANCELLED));
        return before != Phase.RUNNING && before != Phase.FINISHED;
    }

    /**
     * The JDK's {@code cancel}: the same as {@link #cancel()}, since a running future cannot be
     * cancelled (FUT-07). This class does not know which thread runs its call, so
     * {@code mayInterruptIfRunning} has no effect here; {@link ThreadPoolExecutor}'s futures
     * interrupt the running task when it is true (and still return false).
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return cancel();
    }

    /** Returns true if the future was cancelled (FUT-08). */
    public boolean cancelled() {
        return state instanceof Phase p && (p == Phase.CANCELLED || p == Phase.CANCELLED_AND_NOTIFIED);
    }

    /** Returns true while the call is running: started and not finished (FUT-08). */
    public boolean running() {
        return state == Phase.RUNNING;
    }

    /** Returns true if the future was cancelled or has finished (FUT-08). */
    public boolean done() {
        return phaseOf(state).done();
    }

    /**
     * Waits for the call and returns its result.
     *
     * @throws CompletionException if the call threw; its cause is the call's exception
     * @throws CancellationException if the future was cancelled
     * @throws InterruptedException if interrupted while waiting
     */
    public T result() throws InterruptedException {
        return report(awaitDone(false, 0L));
    }

    /**
     * Waits at most {@code timeout} for the call and returns its result; a timeout {@code <= 0}
     * checks without waiting (FUT-09, FUT-20).
     *
     * @throws CompletionException if the call threw; its cause is the call's exception
     * @throws CancellationException if the future was cancelled, also while this thread waited
     *     (FUT-11)
     * @throws TimeoutException if the future is not done when the timeout elapses
     * @throws InterruptedException if interrupted while waiting
     */
    public T result(Duration timeout) throws InterruptedException, TimeoutException {
        return report(awaitDoneOrTimeout(timeout));
    }

    /**
     * Waits for the call and returns the exception it threw, or {@code null} if it returned
     * (FUT-12).
     *
     * @throws CancellationException if the future was cancelled
     * @throws InterruptedException if interrupted while waiting
     */
    public Throwable exception() throws InterruptedException {
        return exceptionOf(awaitDone(false, 0L));
    }

    /**
     * Waits at most {@code timeout} and returns the exception the call threw, or {@code null} if
     * it returned; a timeout {@code <= 0} checks without waiting (FUT-12, FUT-13).
     *
     * @throws CancellationException if the future was cancelled
     * @throws TimeoutException if the future is not done when the timeout elapses
     * @throws InterruptedException if interrupted while waiting
     */
    public Throwable exception(Duration timeout) throws InterruptedException, TimeoutException {
        return exceptionOf(awaitDoneOrTimeout(timeout));
    }

    /**
     * Calls {@code fn} with this future once it is done (finished or cancelled): at once, in
     * this thread, if it already is (FUT-04); otherwise in the thread that completes or cancels
     * it. Callbacks run in the order they were added; one that throws is logged and does not stop
     * the others (FUT-03, FUT-05).
     *
     * @throws NullPointerException if {@code fn} is null
     */
    public void addDoneCallback(Consumer<? super Future<T>> fn) {
        Objects.requireNonNull(fn, "fn");
        if (!done() && push(LISTENERS, new CallbackNode(fn))) {
            return;
        }
        invokeCallback(fn);
    }

    /**
     * Finishes the future with {@code result}: for executors and tests (Python's
     * {@code set_result}). Legal while pending or running.
     *
     * @throws IllegalStateException if the future is already finished or cancelled; the message
     *     names the state, as in {@code "FINISHED: Future[state=finished returned Integer]"}, and
     *     the first outcome stays (FUT-14, FUT-16)
     */
    public void setResult(T result) {
        Object before = transition(result == null ? NULL_RESULT : result);
        requireMoved(before);
    }

    /**
     * Finishes the future with {@code exception}: for executors and tests (Python's
     * {@code set_exception}). Legal while pending or running.
     *
     * @throws NullPointerException if {@code exception} is null
     * @throws IllegalStateException if the future is already finished or cancelled (FUT-15,
     *     FUT-16)
     */
    public void setException(Throwable exception) {
        Objects.requireNonNull(exception, "exception");
        Object before = transition(new Failure(exception));
        requireMoved(before);
    }

    private static void requireMoved(Object before) {
        Phase p = phaseOf(before);
        if (p != Phase.PENDING && p != Phase.RUNNING) {
            throw new IllegalStateException(p + ": " + describe(before));
        }
    }

    /**
     * For executors, just before running the call (Python's {@code set_running_or_notify_cancel}):
     * a pending future becomes running and this returns true; a cancelled one notifies
     * {@link Futures#wait} and {@link Futures#asCompleted} and this returns false, and the call
     * must then not run (FUT-17).
     *
     * @throws IllegalStateException if the future is running, finished, or cancelled and already
     *     notified: {@code "Future in unexpected state: RUNNING"}
     */
    public boolean setRunningOrNotifyCancel() {
        Object before = transition(Phase.RUNNING);
        Phase p = phaseOf(before);
        if (p == Phase.PENDING) {
            return true;
        }
        if (p == Phase.CANCELLED) {
            before = transition(Phase.CANCELLED_AND_NOTIFIED);
            p = phaseOf(before);
            if (p == Phase.CANCELLED) {
                return false;
            }
        }
        throw new IllegalStateException("Future in unexpected state: " + p);
    }

    /**
     * Returns a {@link CompletableFuture} that completes as this future does: with its result,
     * exceptionally with its exception, or cancelled. Cancelling the returned future cancels this
     * one (which succeeds only while it is pending). Each call returns a new one.
     */
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> cf = new CompletableFuture<>();
        addDoneCallback(f -> {
            Object s = f.state;
            if (s instanceof Phase) {
                cf.cancel(false);
            } else if (s instanceof Failure failure) {
                cf.completeExceptionally(failure.exception());
            } else {
                cf.complete(valueOf(s));
            }
        });
        cf.whenComplete((v, e) -> {
            if (e instanceof CancellationException) {
                cancel();
            }
        });
        return cf;
    }

    // ---------------------------------------------------------------- the JDK's API

    /** The JDK's name for {@link #cancelled()}. */
    @Override
    public boolean isCancelled() {
        return cancelled();
    }

    /** The JDK's name for {@link #done()}. */
    @Override
    public boolean isDone() {
        return done();
    }

    /**
     * The JDK's {@code get}: waits and returns the result.
     *
     * @throws ExecutionException if the call threw; its cause is the call's exception
     * @throws CancellationException if the future was cancelled
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public T get() throws InterruptedException, ExecutionException {
        return reportChecked(awaitDone(false, 0L));
    }

    /**
     * The JDK's timed {@code get}; a timeout {@code <= 0} checks without waiting.
     *
     * @throws ExecutionException if the call threw; its cause is the call's exception
     * @throws CancellationException if the future was cancelled
     * @throws TimeoutException if the future is not done in time
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        return reportChecked(awaitDoneOrTimeout(Duration.ofNanos(unit.toNanos(timeout))));
    }

    /**
     * The JDK's state: {@code RUNNING} while pending or running (use {@link #running()} to tell
     * them apart), then {@code SUCCESS}, {@code FAILED} or {@code CANCELLED}.
     */
    @Override
    public State state() {
        Object s = state;
        return switch (phaseOf(s)) {
            case PENDING, RUNNING -> State.RUNNING;
            case CANCELLED, CANCELLED_AND_NOTIFIED -> State.CANCELLED;
            case FINISHED -> s instanceof Failure ? State.FAILED : State.SUCCESS;
        };
    }

    /**
     * The JDK's {@code resultNow}: the result, without waiting.
     *
     * @throws IllegalStateException if the future is not finished with a result
     */
    @Override
    public T resultNow() {
        Object s = state;
        if (phaseOf(s) != Phase.FINISHED || s instanceof Failure) {
            throw new IllegalStateException("resultNow() needs a result: " + describe(s));
        }
        return valueOf(s);
    }

    /**
     * The JDK's {@code exceptionNow}: the call's exception, without waiting.
     *
     * @throws IllegalStateException if the future is not finished with an exception
     */
    @Override
    public Throwable exceptionNow() {
        Object s = state;
        if (s instanceof Failure failure) {
            return failure.exception();
        }
        throw new IllegalStateException("exceptionNow() needs an exception: " + describe(s));
    }

    /**
     * Returns the state in Python's words (FUT-06): {@code Future[state=pending]},
     * {@code Future[state=running]}, {@code Future[state=cancelled]},
     * {@code Future[state=finished returned Integer]} or
     * {@code Future[state=finished raised IOException]}.
     */
    @Override
    public String toString() {
        return describe(state);
    }

    private static String describe(Object s) {
        Phase p = phaseOf(s);
        if (p != Phase.FINISHED) {
            return "Future[state=" + p.description + "]";
        }
        if (s instanceof Failure failure) {
            return "Future[state=finished raised " + typeName(failure.exception()) + "]";
        }
        return "Future[state=finished returned " + (s == NULL_RESULT ? "null" : typeName(s)) + "]";
    }

    private static String typeName(Object o) {
        String simple = o.getClass().getSimpleName();
        return simple.isEmpty() ? o.getClass().getName() : simple;
    }

    // ---------------------------------------------------------------- for this package

    /** Done for {@code wait}/{@code asCompleted}: finished, or cancelled and notified. */
    final boolean notified() {
        return phaseOf(state).notified();
    }

    /** Finished with an exception (what {@code FIRST_EXCEPTION} waits for). */
    final boolean failed() {
        return state instanceof Failure;
    }

    /**
     * Registers {@code waiter} to hear once this future is notified.
     *
     * @return false if it already is: the waiter is not registered and the caller must count
     *     this future itself
     */
    final boolean addWaiter(Waiter waiter) {
        return push(WAITERS, new WaiterNode(waiter));
    }

    /** Unlinks the nodes of detached waiters (after {@link Waiter#detach()}). */
    final void removeDetachedWaiters() {
        sweep(WAITERS);
    }

    /**
     * For executors about to run the call: like {@link #setRunningOrNotifyCancel()}, but returns
     * false instead of throwing when the future is not pending (already notified, running or
     * finished: someone else has dealt with it).
     */
    final boolean tryStart() {
        Object before = transition(Phase.RUNNING);
        Phase p = phaseOf(before);
        if (p == Phase.CANCELLED) {
            transition(Phase.CANCELLED_AND_NOTIFIED);
        }
        return p == Phase.PENDING;
    }

    /** For executors dropping queued work: cancels the future (if pending) and notifies it. */
    final void cancelAndNotify() {
        transition(Phase.CANCELLED);
        transition(Phase.CANCELLED_AND_NOTIFIED);
    }

    /** For executors that cannot run queued work: fails a pending future, notifies a cancelled one. */
    final void failOrNotify(Throwable exception) {
        if (phaseOf(transition(new Failure(exception))) == Phase.CANCELLED) {
            transition(Phase.CANCELLED_AND_NOTIFIED);
        }
    }

    // ---------------------------------------------------------------- waiting

    private Object awaitDoneOrTimeout(Duration timeout) throws InterruptedException, TimeoutException {
        long nanos = Timeouts.pollTimeout(timeout);
        Object s = awaitDone(true, nanos);
        if (!phaseOf(s).done()) {
            throw new TimeoutException("not done after " + timeout + ": " + describe(s));
        }
        return s;
    }

    /**
     * Parks until the future is done, or (if {@code timed}) {@code nanos} have passed.
     *
     * @return the state seen last: done, or not done on timeout
     */
    private Object awaitDone(boolean timed, long nanos) throws InterruptedException {
        Object s = state;
        if (phaseOf(s).done()) {
            return s;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (timed && nanos <= 0L) {
            return s;
        }
        long deadline = timed ? Timeouts.deadline(nanos) : 0L;
        ThreadNode node = new ThreadNode(Thread.currentThread());
        if (!push(LISTENERS, node)) {
            return state;       // closed: done
        }
        try {
            for (;;) {
                s = state;
                if (phaseOf(s).done()) {
                    return s;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (timed) {
                    long left = Timeouts.remaining(deadline);
                    if (left <= 0L) {
                        return s;
                    }
                    LockSupport.parkNanos(this, left);
                } else {
                    LockSupport.park(this);
                }
            }
        } finally {
            node.thread = null;
            if (!done()) {
                sweep(LISTENERS);
            }
        }
    }

    private T report(Object s) {
        if (s instanceof Phase) {
            throw new CancellationException("cancelled: " + describe(s));
        }
        if (s instanceof Failure failure) {
            throw new CompletionException(failure.exception());
        }
        return valueOf(s);
    }

    private T reportChecked(Object s) throws ExecutionException {
        if (s instanceof Failure failure) {
            throw new ExecutionException(failure.exception());
        }
        return report(s);
    }

    private static Throwable exceptionOf(Object s) {
        if (s instanceof Phase) {
            throw new CancellationException("cancelled: " + describe(s));
        }
        return s instanceof Failure failure ? failure.exception() : null;
    }

    @SuppressWarnings("unchecked")
    private T valueOf(Object s) {
        return s == NULL_RESULT ? null : (T) s;
    }

    // ---------------------------------------------------------------- the stacks

    private abstract static class Node {
        volatile Node next;

        /** False once the node must not fire (its thread stopped waiting, its waiter detached). */
        abstract boolean live();
    }

    private static final class ThreadNode extends Node {
        volatile Thread thread;

        ThreadNode(Thread thread) {
            this.thread = thread;
        }

        @Override
        boolean live() {
            return thread != null;
        }
    }

    private static final class CallbackNode extends Node {
        final Consumer<?> callback;

        CallbackNode(Consumer<?> callback) {
            this.callback = callback;
        }

        @Override
        boolean live() {
            return true;
        }
    }

    private static final class WaiterNode extends Node {
        final Waiter waiter;

        WaiterNode(Waiter waiter) {
            this.waiter = waiter;
        }

        @Override
        boolean live() {
            return !waiter.detached();
        }
    }

    /** Marks a stack that has fired: pushes fail from then on. */
    private static final Node CLOSED = new CallbackNode(x -> {});

    /** Pushes {@code node} unless the stack is closed; returns whether it did. */
    private boolean push(VarHandle stack, Node node) {
        for (;;) {
            Node head = (Node) stack.getVolatile(this);
            if (head == CLOSED) {
                return false;
            }
            node.next = head;
            if (stack.compareAndSet(this, head, node)) {
                return true;
            }
        }
    }

    /** Closes the stack and returns what it held, newest first (null if empty or already closed). */
    private Node close(VarHandle stack) {
        Node head = (Node) stack.getAndSet(this, CLOSED);
        return head == CLOSED ? null : head;
    }

    /** Unlinks dead nodes; best effort, see the comment on the fields. */
    private void sweep(VarHandle stack) {
        for (;;) {
            Node head = (Node) stack.getVolatile(this);
            if (head == null || head == CLOSED) {
                return;
            }
            if (!head.live()) {
                stack.compareAndSet(this, head, head.next);
                continue;
            }
            Node pred = head;
            for (Node n = head.next; n != null; n = n.next) {
                if (n.live()) {
                    pred = n;
                } else {
                    pred.next = n.next;
                }
            }
            return;
        }
    }

    private void fireWaiters() {
        for (Node n = close(WAITERS); n != null; n = n.next) {
            if (n instanceof WaiterNode w && w.live()) {
                w.waiter.onNotified(this);
            }
        }
    }

    /** Wakes the blocked threads, then runs the callbacks in the order they were added. */
    private void fireListeners() {
        ArrayList<Consumer<?>> callbacks = null;
        for (Node n = close(LISTENERS); n != null; n = n.next) {
            if (n instanceof ThreadNode t) {
                Thread thread = t.thread;
                if (thread != null) {
                    LockSupport.unpark(thread);
                }
            } else if (n instanceof CallbackNode c) {
                if (callbacks == null) {
                    callbacks = new ArrayList<>(4);
                }
                callbacks.add(c.callback);
            }
        }
        if (callbacks != null) {
            for (int i = callbacks.size() - 1; i >= 0; i--) {
                invokeCallback(callbacks.get(i));
            }
        }
    }

    /** Runs one callback; what it throws is logged, and if logging fails too, printed to stderr. */
    @SuppressWarnings("unchecked")
    private void invokeCallback(Consumer<?> callback) {
        try {
            ((Consumer<Object>) callback).accept(this);
        } catch (Throwable e) {
            try {
                LOGGER.log(System.Logger.Level.ERROR, () -> "exception calling callback for " + this, e);
            } catch (Throwable loggingFailed) {
                e.addSuppressed(loggingFailed);
                e.printStackTrace();
            }
        }
    }
}
