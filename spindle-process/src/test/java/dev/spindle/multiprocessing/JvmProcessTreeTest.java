package dev.spindle.multiprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serial;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a child knows of itself and of its parent, and children of children. */
@Timeout(90)
class JvmProcessTreeTest {

    /** A subclass overriding run(), with a field that must arrive in the child. */
    static final class Reporter extends JvmProcess {
        @Serial
        private static final long serialVersionUID = 1L;
        private final List<Integer> args;
        private final ProcessQueue<Object> report;

        Reporter(List<Integer> args, ProcessQueue<Object> report) {
            this.args = args;
            this.report = report;
        }

        @Override
        public void run() {
            JvmProcess me = JvmProcess.current();
            JvmProcess parent = JvmProcess.parent().orElseThrow();
            try {
                report.put(me == this);
                report.put(me.name());
                report.put(me.pid());
                report.put(me.authkey());
                report.put(me.isAlive());
                report.put(new ArrayList<>(args));
                report.put(parent.name());
                report.put(parent.pid());
                report.put(parent.isAlive());
                long t0 = System.nanoTime();
                parent.join(Duration.ofMillis(200));
                report.put(System.nanoTime() - t0 >= 100_000_000L && parent.isAlive());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    @DisplayName("MP-05 MP-13 MP-21: a subclass's run() gets its fields, its name, its pid and the parent's key in the child; parent() has the parent's name and pid, is alive, and join(t) waits")
    void childSeesItselfAndItsParent() throws Exception {
        ProcessQueue<Object> report = new ProcessQueue<>();
        Reporter p = new Reporter(new ArrayList<>(List.of(1, 2, 3)), report);
        p.setName("reporter");
        p.start();
        Duration t = Duration.ofSeconds(30);
        assertThat(report.get(t)).as("current() is the process object itself").isEqualTo(true);
        assertThat(report.get(t)).isEqualTo("reporter");
        assertThat(report.get(t)).isEqualTo(p.pid());
        assertThat((byte[]) report.get(t)).isEqualTo(JvmProcess.current().authkey());
        assertThat(report.get(t)).isEqualTo(true);
        assertThat(report.get(t)).isEqualTo(List.of(1, 2, 3));
        assertThat(report.get(t)).isEqualTo("MainProcess");
        assertThat(report.get(t)).isEqualTo(ProcessHandle.current().pid());
        assertThat(report.get(t)).as("parent().isAlive()").isEqualTo(true);
        assertThat(report.get(t)).as("parent().join(200 ms) waited and the parent still runs").isEqualTo(true);
        p.join();
        assertThat(p.exitCode()).isZero();
        assertThat(p.name()).startsWith("reporter");
        assertThat(new Reporter(List.of(), report).name()).matches("Reporter-\\d+");
    }

    @Test
    @DisplayName("MP-16 MP-23: a non-daemon child starts children of its own, named Process-N:1 and Process-N:2, in a deterministic order")
    void grandchildren() throws Exception {
        ProcessQueue<String> names = new ProcessQueue<>();
        JvmProcess child = new JvmProcess(() -> {
            try {
                names.put(JvmProcess.current().name());
                for (int i = 0; i < 2; i++) {
                    JvmProcess grandchild = new JvmProcess(() -> {
                        try {
                            names.put(JvmProcess.current().name() + " of " + JvmProcess.parent().orElseThrow().name());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    grandchild.start();
                    grandchild.join();
                    if (grandchild.exitCode() != 0) {
                        System.exit(10 + grandchild.exitCode());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        child.start();
        child.join();
        assertThat(child.exitCode()).isZero();
        String n = child.name();
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            got.add(names.get(Duration.ofSeconds(5)));
        }
        assertThat(got).containsExactly(n, n + ":1 of " + n, n + ":2 of " + n);
        assertThat(Arrays.asList(n.split("-"))).hasSize(2);
    }
}
