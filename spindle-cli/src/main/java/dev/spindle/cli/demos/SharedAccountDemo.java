package dev.spindle.cli.demos;

import dev.spindle.cli.Demo;
import dev.spindle.multiprocessing.JvmProcess;
import dev.spindle.multiprocessing.SerializableRunnable;
import dev.spindle.multiprocessing.SharedLong;
import dev.spindle.threading.Held;
import java.io.PrintStream;
import java.util.List;

/**
 * The seed's bank account, shared by two processes: a balance of 1000 in a {@link SharedLong},
 * and two child JVMs each withdrawing 800 with "read, check, write". Without the lock both pass
 * the check and one update is lost; with {@link SharedLong#lock()}, which works across
 * processes, exactly one withdrawal is approved.
 */
public final class SharedAccountDemo implements Demo {

    @Override
    public String name() {
        return "shared-account";
    }

    @Override
    public String title() {
        return "two processes withdraw 800 from one shared balance of 1000, without and with the lock";
    }

    /** One withdrawal of 800; {@code both} holds the withdrawers back until both have checked (unlocked only). */
    static SerializableRunnable withdraw(SharedLong balance, SharedLong approved, SharedLong both, boolean locked) {
        return () -> {
            if (!locked) {
                draw(balance, approved, both);
                return;
            }
            try (Held held = balance.lock()) {
                draw(balance, approved, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** Read, check, write. */
    static void draw(SharedLong balance, SharedLong approved, SharedLong both) {
        long seen = balance.get();                      // read ...
        if (seen >= 800) {                              // ... check ...
            if (both != null) {
                // Wait (at most 10 s) until the other process has checked too: the race, every time.
                both.addAndGet(1);
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (both.get() < 2 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            }
            balance.set(seen - 800);                    // ... write
            approved.addAndGet(1);
        }
    }

    @Override
    public void run(PrintStream out, List<String> args) throws InterruptedException {
        out.println("balance = 1000 in a SharedLong; two child processes each withdraw 800 (read, check, write)");
        for (boolean locked : new boolean[] {false, true}) {
            SharedLong balance = new SharedLong(1000);
            SharedLong approved = new SharedLong();
            SharedLong both = new SharedLong();
            JvmProcess a = new JvmProcess("ATM-1", withdraw(balance, approved, both, locked));
            JvmProcess b = new JvmProcess("ATM-2", withdraw(balance, approved, both, locked));
            a.start();
            b.start();
            a.join();
            b.join();
            long n = approved.get();
            if (locked) {
                out.println("with lock():      " + n + (n == 1 ? " withdrawal approved,  " : " withdrawals approved, ")
                        + "balance = " + balance.get());
            } else {
                out.println("without the lock: " + n + " withdrawals approved, balance = " + balance.get()
                        + (n == 2 ? "  (a lost update: 1600 paid out of 1000)" : ""));
            }
        }
    }
}
