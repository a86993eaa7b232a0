/**
 * The machinery of {@code dev.spindle.multiprocessing}, in pieces a process pool can reuse:
 * <ul>
 *   <li>starting a child: {@link dev.spindle.multiprocessing.internal.Launcher} (the command
 *       line, options inherited, argfile, stderr tail),
 *       {@link dev.spindle.multiprocessing.internal.CdsArchive} (the class-data-sharing archive
 *       that halves a child's start), {@link dev.spindle.multiprocessing.internal.ChildHeader}
 *       (what goes over the child's stdin) and {@link dev.spindle.multiprocessing.internal.ChildMain}
 *       (the child's bootstrap);</li>
 *   <li>a child's life: {@link dev.spindle.multiprocessing.internal.ParentWatch} (it ends with
 *       its parent) and {@link dev.spindle.multiprocessing.internal.ExitStatus} (Python's exit
 *       codes);</li>
 *   <li>talking: {@link dev.spindle.multiprocessing.internal.FrameChannel} (length-prefixed
 *       frames on a Unix domain socket), {@link dev.spindle.multiprocessing.internal.Handshake}
 *       (the HMAC challenge), {@link dev.spindle.multiprocessing.internal.Server},
 *       {@link dev.spindle.multiprocessing.internal.Peer} and
 *       {@link dev.spindle.multiprocessing.internal.Link} (calls, replies and cancellation between
 *       processes), {@link dev.spindle.multiprocessing.internal.Codec} (serialization with its
 *       filter);</li>
 *   <li>the shared objects as their owner holds them: {@link dev.spindle.multiprocessing.internal.PipeHub},
 *       {@link dev.spindle.multiprocessing.internal.QueueHub},
 *       {@link dev.spindle.multiprocessing.internal.SharedSegment}, and the copy counting they
 *       share ({@code Sessions}, {@link dev.spindle.multiprocessing.internal.Handoffs}).</li>
 * </ul>
 *
 * <p>Nothing here is API: the package is not exported by the {@code dev.spindle.process} module
 * and may change in any release.
 */
package dev.spindle.multiprocessing.internal;
