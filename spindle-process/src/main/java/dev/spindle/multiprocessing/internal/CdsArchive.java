package dev.spindle.multiprocessing.internal;

import java.util.List;

/** Class-data sharing for children: filled in once measured. */
final class CdsArchive {

    private CdsArchive() {}

    static List<String> options() {
        return List.of();
    }
}
