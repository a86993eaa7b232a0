package dev.spindle.cli.demos;

import dev.spindle.cli.Demo;
import dev.spindle.multiprocessing.JvmProcess;
import dev.spindle.multiprocessing.ProcessQueue;
import java.io.PrintStream;
import java.io.Serial;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's {@code multiprocessing.Process} examples with {@link JvmProcess}: a target function
 * run in two child processes that report their own and their parent's pid, a subclass
 * overriding {@code run()}, {@code join}, and the seed's {@code os.fork()} example as it must be
 * written on the JVM, which cannot fork. Each child sends its line back through a
 * {@link ProcessQueue}, and the parent prints it, so the lines come out in order.
 */
public final class ProcessDemo implements Demo {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "process";
    }

    @Override
    public String title() {
        return "child JVMs: a target in two processes, a subclass, join, and os.fork() on the JVM";
    }

    /** Python: def info(name): print(name, os.getpid(), os.getppid()) */
    static void info(String who, ProcessQueue<String> lines) {
        JvmProcess me = JvmProcess.current();
        long parent = JvmProcess.parent().map(JvmProcess::pid).orElse(-1L);
        put(lines, "hello " + who + " from " + me.name() + ": pid " + me.pid() + ", parent pid " + parent);
    }

    /** Python: class Greeter(Process): def run(self): ... */
    static final class Greeter extends JvmProcess {
        @Serial
        private static final long serialVersionUID = 1L;
        private final String greeting;
        private final ProcessQueue<String> lines;

        Greeter(String greeting, ProcessQueue<String> lines) {
            this.greeting = greeting;
            this.lines = lines;
        }

        @Override
        public void run() {
            put(lines, name() + ": " + greeting + " from a JvmProcess subclass that overrides run(), pid "
                    + ProcessHandle.current().pid());
        }
    }

    @Override
    public void run(PrintStream out, List<String> args) throws Exception {
        long me = ProcessHandle.current().pid();
        ProcessQueue<String> lines = new ProcessQueue<>();

        out.println("Part 1: Process(target=info, args=(name,)) for two names, started together, then joined");
        out.println("  main process: " + JvmProcess.current().name() + ", pid " + me);
        List<JvmProcess> children = new ArrayList<>();
        for (String who : List.of("bob", "alice")) {
            JvmProcess p = new JvmProcess(() -> info(who, lines));
            p.start();
            children.add(p);
        }
        List<String> got = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            got.add(lines.get(PATIENCE));
        }
        got.sort((a, b) -> Integer.compare(indexOf(a, children), indexOf(b, children)));
        got.forEach(line -> out.println("  " + line));
        for (JvmProcess p : children) {
            p.join();
            out.println("  joined " + p.name() + ": exitCode=" + p.exitCode() + ", isAlive=" + p.isAlive());
        }

        out.println("Part 2: a subclass of JvmProcess overriding run()");
        Greeter greeter = new Greeter("hello", lines);
        out.println("  before start: " + greeter);
        greeter.start();
        out.println("  " + lines.get(PATIENCE));
        greeter.join();
        out.println("  after join:   " + greeter);

        out.println("Part 3: os.fork() does not exist on the JVM (a JVM's threads, JIT and GC cannot be");
        out.println("  copied into a new process); the child's branch becomes a JvmProcess task instead:");
        out.println("    Python: pid = os.fork(); if pid == 0: child() else: parent(pid)");
        out.println("    Java:   JvmProcess child = new JvmProcess(() -> child()); child.start(); parent(child.pid());");
        JvmProcess child = new JvmProcess(() -> put(lines, "child:  pid " + ProcessHandle.current().pid()
                + ", my parent is " + JvmProcess.parent().map(JvmProcess::pid).orElse(-1L)));
        child.start();
        out.println("  parent: pid " + me + ", my child is " + child.pid());
        out.println("  " + lines.get(PATIENCE));
        child.join();
        out.println("  child exited with " + child.exitCode());
        lines.close();
    }

    private static int indexOf(String line, List<JvmProcess> children) {
        for (int i = 0; i < children.size(); i++) {
            if (line.contains(" from " + children.get(i).name() + ":")) {
                return i;
            }
        }
        return children.size();
    }

    private static void put(ProcessQueue<String> lines, String line) {
        try {
            lines.put(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
