package dev.spindle.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The {@code spindle} command. The launcher script {@code ./spindle} finds a JDK, builds what is
 * missing, runs {@code ./spindle test} itself (through Maven) and hands every other command here.
 */
@Command(name = "spindle",
        mixinStandardHelpOptions = true,
        version = "Spindle 0.1.0-SNAPSHOT",
        description = "Python's concurrency model (threading, queue, concurrent.futures, sched, multiprocessing) on the JVM.",
        subcommands = {Main.Tour.class, Main.DemoCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Also: ./spindle test    runs the whole test suite (Maven verify)."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Entry point: exits with the command's status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        // Words after a demo's name belong to the demo: `demo sched --real-time` is not an option of `demo`.
        commandLine.getSubcommands().get("demo").setUnmatchedOptionsArePositionalParams(true);
        // A demo's bad argument is the user's mistake, not a crash: say so, without a stack trace.
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("spindle: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs every demo, in the seed's order, each under a one-line heading. */
    @Command(name = "tour", description = "Run every demo in the seed's order, each under a one-line heading.")
    static final class Tour implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            PrintStream out = System.out;
            List<Demo> demos = Demos.all();
            for (int i = 0; i < demos.size(); i++) {
                Demo demo = demos.get(i);
                out.printf("%n=== %d/%d  %s: %s ===%n", i + 1, demos.size(), demo.name(), demo.title());
                demo.run(out, List.of());
            }
            out.printf("%nTour done: %d demos.%n", demos.size());
            return 0;
        }
    }

    /** Runs one demo by name, or lists them. */
    @Command(name = "demo", description = "Run one demo: ./spindle demo NAME [ARGS...]. Without a name, list them.")
    static final class DemoCommand implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The demo to run.")
        String name;

        @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the demo.")
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            if (name == null) {
                list(System.out);
                return 0;
            }
            Optional<Demo> demo = Demos.find(name);
            if (demo.isEmpty()) {
                System.err.println("No demo called '" + name + "'.");
                list(System.err);
                return 2;
            }
            demo.get().run(System.out, args);
            return 0;
        }

        private static void list(PrintStream out) {
            out.println("Demos (./spindle demo NAME):");
            for (Demo d : Demos.all()) {
                out.printf("  %-18s %s%n", d.name(), d.title());
            }
        }
    }
}
