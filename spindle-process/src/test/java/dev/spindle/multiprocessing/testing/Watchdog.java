package dev.spindle.multiprocessing.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Fails a test that hangs, with a dump of every thread, instead of letting it time out
 * silently (STYLE.md, habit 10): when a test runs longer than its {@link Limit}, the watchdog
 * records the stacks of all threads of the test JVM and the child processes still running,
 * kills those children (which ends most waits on them) and interrupts the test thread; the test
 * then fails with the dump as its message. JUnit's {@code @Timeout}, set longer, stays as the
 * last resort for a test thread that ignores interrupts.
 */
public final class Watchdog implements InvocationInterceptor {

    /** How long a test may run before the watchdog fires. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface Limit {
        int seconds();
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        int seconds = limit(context);
        Thread test = Thread.currentThread();
        AtomicReference<String> dump = new AtomicReference<>();
        Thread dog = Thread.ofPlatform().daemon(true).name("watchdog").start(() -> {
            try {
                Thread.sleep(seconds * 1000L);
            } catch (InterruptedException e) {
                return;     // the test finished in time
            }
            dump.set(threadDump());
            NoOrphans.alive().forEach(ProcessHandle::destroyForcibly);
            test.interrupt();
        });
        Throwable failure = null;
        try {
            invocation.proceed();
        } catch (Throwable t) {
            failure = t;
        } finally {
            dog.interrupt();
            dog.join();
        }
        if (dump.get() != null) {
            AssertionError hung = new AssertionError("watchdog: the test ran longer than " + seconds + " s; threads:\n" + dump.get());
            if (failure != null) {
                hung.addSuppressed(failure);
            }
            throw hung;
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static int limit(ExtensionContext context) {
        Limit limit = context.getRequiredTestMethod().getAnnotation(Limit.class);
        if (limit == null) {
            limit = context.getRequiredTestClass().getAnnotation(Limit.class);
        }
        return limit == null ? 60 : limit.seconds();
    }

    /** Every thread's stack, and the child processes still alive. */
    static String threadDump() {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            s.append('"').append(t.getName()).append("\" ").append(t.getState()).append(t.isDaemon() ? " daemon" : "").append('\n');
            for (StackTraceElement frame : e.getValue()) {
                s.append("    at ").append(frame).append('\n');
            }
        }
        s.append("children still running: ");
        NoOrphans.alive().forEach(p -> s.append(p.pid()).append(' ').append(p.info().commandLine().orElse("?")).append("; "));
        return s.toString();
    }
}
