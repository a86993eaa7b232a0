package dev.spindle.cli.demos;

import dev.spindle.cli.Demo;
import dev.spindle.sched.Scheduler;
import dev.spindle.sched.VirtualClock;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The seed's {@code sched} example: three events, at 10 s, at 3 s with a positional argument and
 * at 5 s with a keyword argument, each printing the time. By default they run on a
 * {@link VirtualClock}, so the ten seconds pass in no real time; {@code --real-time} runs them
 * against the wall clock (ten real seconds), and {@code --scale F} with it multiplies every
 * delay by {@code F}.
 */
public final class SchedDemo implements Demo {

    @Override
    public String name() {
        return "sched";
    }

    @Override
    public String title() {
        return "sched.scheduler: three events at 10 s, 3 s and 5 s, on a VirtualClock (--real-time for the wall clock)";
    }

    @Override
    public void run(PrintStream out, List<String> args) throws InterruptedException {
        Options options = Options.parse(args);
        Scheduler scheduler;
        if (options.realTime) {
            scheduler = new Scheduler();   // Python's scheduler(): time.monotonic and a real wait
            out.printf(Locale.ROOT, "sched on the wall clock, delays scaled by %s: this takes %.1f s%n",
                    options.scale, 10 * options.scale);
        } else {
            scheduler = new VirtualClock().scheduler();   // scheduler(clock.time, clock.sleep)
            out.println("sched on a VirtualClock: ten seconds of events in no real time (--real-time for the wall clock)");
        }
        double start = scheduler.time();
        Printer printer = new Printer(out, scheduler, start, options.realTime);
        out.println(printer.stamp() + "start");

        // Python: s.enter(10, 1, print_time); s.enter(3, 2, print_time, argument=('positional',));
        //         s.enter(5, 1, print_time, kwargs={'a': 'keyword'}). A lambda captures the arguments.
        scheduler.enter(10 * options.scale, 1, printer::printTime);
        scheduler.enter(3 * options.scale, 2, () -> printer.printTime("positional"));
        scheduler.enter(5 * options.scale, 1, () -> printer.printTime(/* a= */ "keyword"));
        out.println(printer.stamp() + "queued, in run order, at " + scheduler.queue().stream()
                .map(e -> printer.format(e.time() - start)).toList());

        scheduler.run();
        out.println(printer.stamp() + "done; empty() = " + scheduler.empty());
    }

    /** Python's {@code print_time(a='default')}, printing the scheduler's time since the start. */
    private record Printer(PrintStream out, Scheduler scheduler, double start, boolean realTime) {

        void printTime() {
            printTime("default");
        }

        void printTime(String a) {
            out.println(stamp() + "From print_time " + a);
        }

        String stamp() {
            return "t=" + format(scheduler.time() - start) + "  ";
        }

        /** Virtual times are exact; real ones are shown to the millisecond. */
        String format(double seconds) {
            return realTime ? String.format(Locale.ROOT, "%.3f", seconds) : Double.toString(seconds);
        }
    }

    /** The demo's arguments: {@code [--real-time [--scale F]]}. */
    private record Options(boolean realTime, double scale) {

        static Options parse(List<String> args) {
            boolean realTime = false;
            Double scale = null;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--real-time")) {
                    realTime = true;
                } else if (arg.equals("--scale") && i + 1 < args.size()) {
                    scale = parseScale(args.get(++i));
                } else if (arg.startsWith("--scale=")) {
                    scale = parseScale(arg.substring("--scale=".length()));
                } else {
                    throw new IllegalArgumentException("demo sched: unknown argument '" + arg + "' (expected --real-time [--scale F])");
                }
            }
            if (scale != null && !realTime) {
                throw new IllegalArgumentException("demo sched: --scale needs --real-time (virtual time is instant anyway)");
            }
            return new Options(realTime, scale == null ? 1.0 : scale);
        }

        private static double parseScale(String text) {
            double scale;
            try {
                scale = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                scale = Double.NaN;
            }
            if (!(scale > 0.0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("demo sched: --scale must be a positive number: " + text);
            }
            return scale;
        }
    }
}
