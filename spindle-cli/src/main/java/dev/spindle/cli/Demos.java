package dev.spindle.cli;

import dev.spindle.cli.demos.BankDemo;
import dev.spindle.cli.demos.DeadlockDemo;
import dev.spindle.cli.demos.PoolDemo;
import dev.spindle.cli.demos.ProcessDemo;
import dev.spindle.cli.demos.ProcessPoolDemo;
import dev.spindle.cli.demos.ProducerConsumerDemo;
import dev.spindle.cli.demos.QueueDemo;
import dev.spindle.cli.demos.SchedDemo;
import dev.spindle.cli.demos.SharedAccountDemo;
import dev.spindle.cli.demos.ThreadLocalDemo;
import dev.spindle.cli.demos.ThreadsDemo;
import dev.spindle.cli.demos.TimerDemo;
import java.util.List;
import java.util.Optional;

/** Every demo, in the seed's order: the order the tour runs them in. */
public final class Demos {

    private static final List<Demo> ALL = List.of(
            new ThreadsDemo(),
            new BankDemo(),
            new DeadlockDemo(),
            new QueueDemo(),
            new ProducerConsumerDemo(),
            new PoolDemo(),
            new ThreadLocalDemo(),
            new TimerDemo(),
            new SchedDemo(),
            new ProcessDemo(),
            new SharedAccountDemo(),
            new ProcessPoolDemo());

    private Demos() {}

    /** Returns every demo in tour order. */
    public static List<Demo> all() {
        return ALL;
    }

    /** Returns the demo called {@code name}, if there is one. */
    public static Optional<Demo> find(String name) {
        return ALL.stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
