package dev.spindle.futures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;

/** A task that shuts its own pool down: it may begin the shutdown, but not wait for itself. */
@Timeout(60)
class ThreadPoolOwnThreadTest {

    @ParameterizedTest(name = "virtual threads: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("shutdown(wait=true) and close() from the pool's own thread throw IllegalStateException; the shutdown has begun")
    void waitForItself(boolean virtual) throws Exception {
        ThreadPoolExecutor p = ThreadPoolExecutor.builder().maxWorkers(2).virtualThreads(virtual)
                .threadNamePrefix("self").build();
        Future<Object> viaShutdown = p.submit(() -> {
            p.shutdown(true, false);
            return "returned";
        });
        assertThat(viaShutdown.exception()).isInstanceOf(IllegalStateException.class)
                .hasMessageMatching("shutdown\\(wait=true\\) from self_\\d+, a thread of this pool, would wait for itself forever");
        assertThat(p.isShutdown()).isTrue();
        assertThat(p.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        ThreadPoolExecutor q = ThreadPoolExecutor.builder().maxWorkers(1).virtualThreads(virtual).build();
        Future<Object> viaClose = q.submit(() -> {
            q.close();
            return "returned";
        });
        assertThat(viaClose.exception()).isInstanceOf(IllegalStateException.class);
        assertThat(q.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        q.shutdown(false, false);
        p.shutdown(true, false);
    }
}
