package dev.spindle.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Bad arguments to ThreadPoolExecutor's constructors and builder. */
class ThreadPoolBadInputTest {

    @Test
    @DisplayName("EXEC-03: maxWorkers <= 0 is an IllegalArgumentException naming the value, from the constructor and the builder")
    void maxWorkers() {
        assertThatThrownBy(() -> new ThreadPoolExecutor(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxWorkers must be greater than 0: 0");
        assertThatThrownBy(() -> new ThreadPoolExecutor(-3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxWorkers must be greater than 0: -3");
        assertThatThrownBy(() -> ThreadPoolExecutor.builder().maxWorkers(Integer.MIN_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxWorkers must be greater than 0: " + Integer.MIN_VALUE);
    }

    @Test
    @DisplayName("EXEC-07: a null initializer is rejected when given (Java's types already rule out a non-callable one)")
    void nullInitializer() {
        assertThatThrownBy(() -> ThreadPoolExecutor.builder().initializer(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("initializer");
    }

    @Test
    @DisplayName("a null thread-name prefix is a NullPointerException; the builder starts no thread")
    void nullPrefix() throws Exception {
        assertThatThrownBy(() -> ThreadPoolExecutor.builder().threadNamePrefix(null))
                .isInstanceOf(NullPointerException.class).hasMessage("prefix");
        ThreadPoolExecutor p = ThreadPoolExecutor.builder().maxWorkers(1).threadNamePrefix("idle").build();
        assertThat(p).hasToString("ThreadPoolExecutor[state=running, threads=0/1, queued=0]");
        p.shutdown(true, false);
        assertThat(p).hasToString("ThreadPoolExecutor[state=terminated, threads=0/1, queued=0]");
    }
}
