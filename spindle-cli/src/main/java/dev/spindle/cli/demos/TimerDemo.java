package dev.spindle.cli.demos;

import dev.spindle.cli.Demo;
import dev.spindle.threading.Timer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The seed's {@code Timer(10.0, hello)}, shortened to half a second, then a second timer of the
 * seed's ten seconds that is cancelled at once and so never runs its function.
 */
public final class TimerDemo implements Demo {

    /** The seed's interval is 10 s; the demo waits this long instead. */
    static final Duration SHORTENED = Duration.ofMillis(500);

    @Override
    public String name() {
        return "timer";
    }

    @Override
    public String title() {
        return "threading.Timer: hello after 0.5 s (the seed's 10 s, shortened), and a cancelled timer that never fires";
    }

    @Override
    public void run(PrintStream out, List<String> args) throws InterruptedException {
        // Python: t = Timer(10.0, hello); t.start()
        Timer hello = new Timer(SHORTENED, () -> out.println("  hello, world"));
        out.println("Timer(0.5 s, hello) started (the seed waits 10 s)");
        long start = System.nanoTime();
        hello.start();
        hello.join();
        out.printf(Locale.ROOT, "the timer ran its function after %.3f s and ended: isAlive=%s%n",
                (System.nanoTime() - start) / 1e9, hello.isAlive());

        // A timer cancelled while it waits: its function never runs, and its thread ends at once.
        Timer goodbye = new Timer(Duration.ofSeconds(10), () -> out.println("  goodbye, world"));
        goodbye.start();
        goodbye.cancel();
        long cancelled = System.nanoTime();
        goodbye.join();
        out.printf(Locale.ROOT, "Timer(10 s, goodbye) cancelled after start: its thread ended %.3f s later, "
                + "without running the function: isAlive=%s, isFinished=%s%n",
                (System.nanoTime() - cancelled) / 1e9, goodbye.isAlive(), goodbye.isFinished());
    }
}
