package dev.spindle.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One of the seed's programs, rewritten with Spindle: {@code ./spindle demo NAME}.
 *
 * <p>A demo prints what it does to {@code out}, ends by itself within a few seconds and never
 * needs input, so the tour can run every demo in a row and tests can check what they print.
 */
public interface Demo {

    /** The name on the command line: {@code ./spindle demo NAME}. */
    String name();

    /** One line: what the demo shows. */
    String title();

    /**
     * Runs the demo.
     *
     * @param out where to print
     * @param args the words after the demo's name ({@code --real-time}, say); most demos take none
     */
    void run(PrintStream out, List<String> args) throws Exception;
}
