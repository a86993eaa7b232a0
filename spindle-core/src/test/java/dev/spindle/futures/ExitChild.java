package dev.spindle.futures;

import java.util.concurrent.CountDownLatch;

/**
 * A program for {@link ThreadPoolExitTest}, run in a child JVM: it submits work and lets
 * {@code main} return at once, as the scripts of CPython's test_shutdown do.
 */
public final class ExitChild {

    private ExitChild() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        boolean virtual = args.length > 1 && args[1].equals("virtual");
        ThreadPoolExecutor pool = ThreadPoolExecutor.builder().maxWorkers(3).virtualThreads(virtual).build();
        CountDownLatch started = new CountDownLatch(1);
        pool.submit(() -> {
            started.countDown();
            Thread.sleep(300);          // the work: still running when main returns
            System.out.println("apple");
            return null;
        });
        switch (mode) {
            case "shutdown-no-wait" -> {
                started.await();
                pool.shutdown(false, false);
            }
            case "cancel-no-wait" -> pool.shutdown(false, true);
            default -> throw new IllegalArgumentException("mode " + mode);
        }
    }
}
