package dev.spindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The concurrent.futures demos run, end by themselves and print what they claim. */
@Timeout(60)
class FuturesDemosTest {

    @Test
    @DisplayName("pool: done() false then true, both results, the callbacks, map in input order, the pool terminated")
    void pool() throws Exception {
        String out = DemosTest.run("pool");
        assertThat(out).contains("submitted action(50) and action(100) to a pool of 2 workers",
                "future1.done() right after submit: false",
                "future1.result() = 1225, future2.result() = 4950",
                "future2.done() after result(): true",
                "callback: Future[state=finished returned Integer], result 4950",
                "map(action, [50, 100, 150]) = [1225, 4950, 11175] (in input order)",
                "after the try block: ThreadPoolExecutor[state=terminated, threads=0/2, queued=0]");
        assertThat(out).containsPattern("pool_[01]: action\\(50\\) = 1225")
                .containsPattern("pool_[01]: action\\(100\\) = 4950")
                .containsPattern("pool_[01]: action\\(150\\) = 11175")
                .containsPattern("callback on a done future, in main|callback on a done future, in [^:]+: Future\\[state=finished returned Integer\\]");
    }

    @Test
    @DisplayName("thread-local: each of the 2 workers sums 0..9 into its own x (45), and carries on to 90 in the next round")
    void threadLocal() throws Exception {
        String out = DemosTest.run("thread-local");
        for (String worker : new String[] {"pool_0", "pool_1"}) {
            assertThat(out).containsPattern("(?m)" + worker + " mydata.x = 0$")
                    .containsPattern("(?m)" + worker + " mydata.x = 45$")
                    .containsPattern("(?m)" + worker + " mydata.x = 90$");
        }
        assertThat(out).doesNotContain("mydata.x = 135");
        assertThat(out.indexOf("round 2")).isLessThan(out.indexOf("mydata.x = 90"));
    }
}
