package dev.spindle.cli.demos;

import dev.spindle.cli.Demo;
import dev.spindle.threading.Barrier;
import dev.spindle.threading.DeadlockException;
import dev.spindle.threading.Held;
import dev.spindle.threading.RLock;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Two threads take two named locks in opposite orders: the classic deadlock. Python and the JDK
 * would hang; Spindle throws {@link DeadlockException} in the thread whose wait closes the cycle,
 * which backs off so that the other one finishes.
 */
public final class DeadlockDemo implements Demo {

    @Override
    public String name() {
        return "deadlock";
    }

    @Override
    public String title() {
        return "two threads, two locks, opposite orders; Spindle names the cycle";
    }

    @Override
    public void run(PrintStream out, List<String> args) throws InterruptedException {
        RLock accounts = new RLock("accounts");
        RLock audit = new RLock("audit");
        Barrier bothHoldOne = new Barrier(2);
        Thread transfer = Thread.ofPlatform().name("transfer")
                .start(() -> takeBoth(out, accounts, audit, bothHoldOne));
        Thread report = Thread.ofPlatform().name("report")
                .start(() -> takeBoth(out, audit, accounts, bothHoldOne));
        transfer.join();
        report.join();
        out.println("both threads ended; nothing hangs.");
    }

    private static void takeBoth(PrintStream out, RLock first, RLock second, Barrier bothHoldOne) {
        String me = Thread.currentThread().getName();
        try (Held one = first.hold()) {
            bothHoldOne.await(Duration.ofSeconds(10));   // now each holds one lock
            Held two;
            try {
                two = second.hold();
            } catch (DeadlockException e) {
                // Printed while `first` is still held, so this comes before the other's "done".
                out.println(me + ": DeadlockException; backing off, releasing " + first.name());
                for (String line : e.getMessage().split("\n")) {
                    out.println("    " + line);
                }
                return;
            }
            try (two) {
                out.println(me + ": holds " + first.name() + " and " + second.name() + ", done");
            }
        } catch (Exception e) {
            out.println(me + ": unexpected " + e);
        }
    }
}
