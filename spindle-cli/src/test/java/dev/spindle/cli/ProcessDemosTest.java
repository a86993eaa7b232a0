package dev.spindle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The multiprocessing demos run child JVMs, end by themselves, and leave none behind. */
@Timeout(90)
class ProcessDemosTest {

    @AfterAll
    static void noChildLeft() {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    @DisplayName("process: two children report their pids and this JVM as parent, a subclass runs, join gives exit code 0, fork rewritten")
    void process() throws Exception {
        String out = DemosTest.run("process");
        long me = ProcessHandle.current().pid();
        assertThat(out).contains("main process: MainProcess, pid " + me);
        Matcher hello = Pattern.compile("hello (bob|alice) from (Process-\\d+): pid (\\d+), parent pid (\\d+)").matcher(out);
        int children = 0;
        String first = null;
        while (hello.find()) {
            children++;
            first = first == null ? hello.group(1) : first;
            assertThat(Long.parseLong(hello.group(3))).isNotEqualTo(me);
            assertThat(Long.parseLong(hello.group(4))).isEqualTo(me);
        }
        assertThat(children).isEqualTo(2);
        assertThat(first).as("printed in start order").isEqualTo("bob");
        assertThat(out).containsPattern("joined Process-\\d+: exitCode=0, isAlive=false");
        assertThat(out).containsPattern("Greeter-\\d+: hello from a JvmProcess subclass that overrides run\\(\\), pid \\d+")
                .containsPattern("before start: Greeter\\[name=Greeter-\\d+, parent=\\d+, initial\\]")
                .containsPattern("after join: +Greeter\\[name=Greeter-\\d+, pid=\\d+, parent=\\d+, stopped\\]");
        Matcher fork = Pattern.compile("parent: pid (\\d+), my child is (\\d+)\\n\\s+child:  pid (\\d+), my parent is (\\d+)").matcher(out);
        assertThat(fork.find()).as(out).isTrue();
        assertThat(fork.group(2)).isEqualTo(fork.group(3));
        assertThat(fork.group(1)).isEqualTo(fork.group(4));
        assertThat(out).contains("os.fork() does not exist on the JVM", "child exited with 0");
    }

    @Test
    @DisplayName("shared-account: without the lock both processes pass the check and an update is lost; with it exactly one withdrawal")
    void sharedAccount() throws Exception {
        String out = DemosTest.run("shared-account");
        assertThat(out).contains("without the lock: 2 withdrawals approved, balance = 200  (a lost update: 1600 paid out of 1000)")
                .contains("with lock():      1 withdrawal approved,  balance = 200");
    }

    @Test
    @DisplayName("process-pool: tasks run in other pids, map keeps input order, a killed worker fails only its task, a runaway task times out")
    void processPool() throws Exception {
        String out = DemosTest.run("process-pool");
        long me = ProcessHandle.current().pid();
        Matcher ran = Pattern.compile("action\\((\\d+)\\) = (\\d+) in worker pid (\\d+)").matcher(out);
        int tasks = 0;
        while (ran.find()) {
            tasks++;
            int max = Integer.parseInt(ran.group(1));
            assertThat(Integer.parseInt(ran.group(2))).isEqualTo(max * (max - 1) / 2);
            assertThat(Long.parseLong(ran.group(3))).isNotEqualTo(me);
        }
        assertThat(tasks).as(out).isEqualTo(7);
        assertThat(out).containsPattern("action\\(50\\)[^\\n]*\\n\\s+action\\(100\\)[^\\n]*\\n\\s+action\\(150\\)");
        assertThat(out).containsPattern("that task's future: WorkerCrashedException, pid \\d+, exit code -9")
                .contains("the pool carries on: action(10) = 45")
                .contains("TimeoutException: the task ran longer than its timeout of PT1S")
                .containsPattern("was killed; the next task: action\\(20\\) = 190");
    }
}
