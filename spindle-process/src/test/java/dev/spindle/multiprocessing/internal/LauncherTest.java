package dev.spindle.multiprocessing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The command line of a child JVM, the options it inherits, and the stderr tail. */
@Timeout(60)
class LauncherTest {

    @Test
    @DisplayName("children inherit heap and module options, assertions and -D properties, but not agents, debuggers or -Xshare:off")
    void inheritedOptions() {
        List<String> picked = Launcher.selectInherited(List.of(
                "-Xmx512m", "-Xss2m", "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
                "-ea", "-Dapp.mode=test", "-Djava.class.path=/x", "-javaagent:/a.jar", "-agentlib:jdwp=transport=dt_socket",
                "-Xshare:off", "-XX:+UseG1GC", "-XX:MaxRAMPercentage=50", "--enable-preview"));
        assertThat(picked).containsExactly("-Xmx512m", "-Xss2m", "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-exports",
                "java.base/sun.nio.ch=ALL-UNNAMED", "-ea", "-Dapp.mode=test", "-XX:MaxRAMPercentage=50", "--enable-preview");
    }

    @Test
    @DisplayName("the command: this JVM's java, the start-up defaults first, the spec's options after the inherited ones, the class path, the main class")
    void command() throws Exception {
        List<String> command = Launcher.command(Launcher.Spec.child(List.of("-Dspec.option=1")));
        String joined = String.join(" ", command.subList(1, command.size()));
        if (command.size() == 2 && command.get(1).startsWith("@")) {
            joined = Files.readString(Path.of(command.get(1).substring(1))).replace("\"", "").replace('\n', ' ');
        }
        assertThat(command.get(0)).isEqualTo(Launcher.javaBinary());
        assertThat(joined).startsWith(Launcher.DEFAULTS).contains("-Dspec.option=1", "-cp ")
                .endsWith(ChildMain.class.getName());
        assertThat(joined.indexOf("-Dspec.option=1")).isGreaterThan(joined.indexOf(Launcher.DEFAULTS));
    }

    @Test
    @DisplayName("a command longer than the threshold goes through an @argfile that java reads back")
    void argfile() throws Exception {
        String longValue = "x".repeat(Launcher.ARGFILE_THRESHOLD);
        Launcher.Spec spec = new Launcher.Spec(ArgEcho.class.getName(), List.of("-Dlong.value=" + longValue, "-Dquote=a\"b\\c"), 4096);
        List<String> command = Launcher.command(spec);
        assertThat(command).hasSize(2);
        assertThat(command.get(1)).startsWith("@");
        Launcher.LaunchedChild child = Launcher.launch(spec);
        child.stdin().close();
        assertThat(child.process().waitFor()).isZero();
        child.awaitStderr();
        assertThat(child.stderrTail()).isEqualTo(longValue.length() + " a\"b\\c\n");
    }

    @Test
    @DisplayName("with a stderr tail, the last bytes the child wrote are kept")
    void stderrTail() throws Exception {
        Launcher.LaunchedChild child = Launcher.launch(new Launcher.Spec(ArgEcho.class.getName(), List.of("-Dlong.value=", "-Dquote=0123456789"), 5));
        child.stdin().close();
        assertThat(child.process().waitFor()).isZero();
        child.awaitStderr();
        assertThat(child.stderrTail()).isEqualTo("6789\n");
    }

    /** A main for the launcher tests: prints two properties to stderr. */
    public static final class ArgEcho {
        public static void main(String[] args) {
            System.err.println(System.getProperty("long.value").length() + " " + System.getProperty("quote"));
        }
    }
}
