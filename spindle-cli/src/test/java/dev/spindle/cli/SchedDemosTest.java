package dev.spindle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sched and timer demos run, end by themselves and print what they claim. */
@Timeout(60)
class SchedDemosTest {

    @Test
    @DisplayName("sched: on a VirtualClock the three events print at exactly 3.0, 5.0 and 10.0, in that order, at once")
    void schedVirtual() throws Exception {
        long start = System.nanoTime();
        String out = DemosTest.run("sched");
        long elapsed = System.nanoTime() - start;
        assertThat(out).containsSubsequence(
                "sched on a VirtualClock",
                "t=0.0  start",
                "t=0.0  queued, in run order, at [3.0, 5.0, 10.0]",
                "t=3.0  From print_time positional",
                "t=5.0  From print_time keyword",
                "t=10.0  From print_time default",
                "t=10.0  done; empty() = true");
        assertThat(elapsed).as("ten virtual seconds take much less than ten real ones").isLessThan(5_000_000_000L);
    }

    @Test
    @DisplayName("sched --real-time --scale 0.02: the same events against the wall clock, each no earlier than its scaled time")
    void schedRealTime() throws Exception {
        String out = DemosTest.run("sched", "--real-time", "--scale", "0.02");
        assertThat(out).contains("sched on the wall clock, delays scaled by 0.02: this takes 0.2 s");
        assertThat(secondsBefore(out, "From print_time positional")).isGreaterThanOrEqualTo(0.06);
        assertThat(secondsBefore(out, "From print_time keyword")).isGreaterThanOrEqualTo(0.1);
        assertThat(secondsBefore(out, "From print_time default")).isGreaterThanOrEqualTo(0.2);
        assertThat(out).containsSubsequence("positional", "keyword", "default", "done; empty() = true");
    }

    @Test
    @DisplayName("sched: unknown arguments and a --scale without --real-time are refused with a message")
    void schedBadArguments() {
        assertThatThrownBy(() -> DemosTest.run("sched", "--fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("demo sched: unknown argument '--fast' (expected --real-time [--scale F])");
        assertThatThrownBy(() -> DemosTest.run("sched", "--scale=0.5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("demo sched: --scale needs --real-time (virtual time is instant anyway)");
        assertThatThrownBy(() -> DemosTest.run("sched", "--real-time", "--scale=-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("demo sched: --scale must be a positive number: -1");
    }

    @Test
    @DisplayName("sched: the command line hands --real-time and --scale to the demo, not to picocli")
    void schedCommandLine() {
        assertThat(Main.commandLine().execute("demo", "sched", "--real-time", "--scale", "0.01")).isZero();
        assertThat(Main.commandLine().execute("demo", "sched", "--scale=0.01", "--real-time")).isZero();
    }

    @Test
    @DisplayName("timer: hello after at least 0.5 s; the cancelled timer ends at once and never says goodbye")
    void timer() throws Exception {
        String out = DemosTest.run("timer");
        assertThat(out).containsSubsequence("Timer(0.5 s, hello) started", "  hello, world",
                "the timer ran its function after", "and ended: isAlive=false");
        assertThat(number(out, "the timer ran its function after (\\d+\\.\\d+) s")).isGreaterThanOrEqualTo(0.5);
        assertThat(out).contains("without running the function: isAlive=false, isFinished=true")
                .doesNotContain("goodbye, world");
        assertThat(number(out, "its thread ended (\\d+\\.\\d+) s later")).isLessThan(10.0);
    }

    /** The {@code t=...} stamp on the line that ends with {@code text}. */
    private static double secondsBefore(String out, String text) {
        return number(out, "t=(\\d+\\.\\d+)  " + Pattern.quote(text));
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertThat(m.find()).as("output should match %s:%n%s", regex, out).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
