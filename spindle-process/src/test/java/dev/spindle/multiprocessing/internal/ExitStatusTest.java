package dev.spindle.multiprocessing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Decoding the OS status and the child's status word into Python's exit code. */
class ExitStatusTest {

    @Test
    @DisplayName("'signal N' is -N; 'exit' keeps the status, even 143, unless the parent sent SIGTERM; no word and a status above 128 is a signal")
    void decode() {
        assertThat(ExitStatus.decodeWord("signal 15", 143, false)).isEqualTo(-15);
        assertThat(ExitStatus.decodeWord("signal 2", 130, false)).isEqualTo(-2);
        assertThat(ExitStatus.decodeWord("exit", 0, false)).isZero();
        assertThat(ExitStatus.decodeWord("exit", 143, false)).as("System.exit(143)").isEqualTo(143);
        assertThat(ExitStatus.decodeWord("exit", 143, true)).isEqualTo(-15);
        assertThat(ExitStatus.decodeWord(null, 137, false)).as("SIGKILL").isEqualTo(-9);
        assertThat(ExitStatus.decodeWord(null, 134, false)).as("SIGABRT: a JVM crash").isEqualTo(-6);
        assertThat(ExitStatus.decodeWord(null, 1, false)).as("the JVM refused to start").isEqualTo(1);
    }
}
