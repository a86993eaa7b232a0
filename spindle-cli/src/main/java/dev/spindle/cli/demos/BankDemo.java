package dev.spindle.cli.demos;

import dev.spindle.cli.Demo;
import dev.spindle.threading.Barrier;
import dev.spindle.threading.Held;
import dev.spindle.threading.RLock;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The seed's bank withdrawal: two threads draw 800 from a balance of 1000 at the same time.
 * Without a lock both pass the balance check and the balance goes negative; with an
 * {@link RLock} exactly one succeeds.
 */
public final class BankDemo implements Demo {

    @Override
    public String name() {
        return "bank";
    }

    @Override
    public String title() {
        return "two withdrawals of 800 from 1000, without and with an RLock";
    }

    /** The account: a balance, and the pause between the check and the update that invites the race. */
    static final class Account {
        int balance = 1000;
        final AtomicInteger approved = new AtomicInteger();

        void withdraw(int amount, Runnable pause) {
            if (balance >= amount) {    // check ...
                pause.run();            // ... the other thread gets in here ...
                balance -= amount;      // ... update
                approved.incrementAndGet();
            }
        }
    }

    @Override
    public void run(PrintStream out, List<String> args) throws InterruptedException {
        // Without a lock. To make the race show every time, the pause waits until both threads
        // have passed the check (the seed's version sleeps, which usually, not always, does it).
        Account unsafe = new Account();
        Barrier bothChecked = new Barrier(2);
        runTwo(() -> unsafe.withdraw(800, () -> await(bothChecked)));
        out.println("without a lock: " + unsafe.approved + " withdrawals approved, balance = " + unsafe.balance);

        // With an RLock around check and update: the second thread waits, then sees 200.
        Account safe = new Account();
        RLock lock = new RLock("account");
        runTwo(() -> {
            try (Held held = lock.hold()) {
                safe.withdraw(800, BankDemo::briefPause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        out.println("with an RLock:  " + safe.approved + " withdrawal approved,  balance = " + safe.balance);
    }

    private static void runTwo(Runnable withdrawal) throws InterruptedException {
        Thread a = Thread.ofPlatform().name("ATM-1").start(withdrawal);
        Thread b = Thread.ofPlatform().name("ATM-2").start(withdrawal);
        a.join();
        b.join();
    }

    private static void await(Barrier barrier) {
        try {
            barrier.await(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (BrokenBarrierException e) {
            throw new IllegalStateException("the other withdrawal never reached the check", e);
        }
    }

    private static void briefPause() {
        try {
            Thread.sleep(Duration.ofMillis(50));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
