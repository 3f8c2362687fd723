package org.convene.support;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends this service when the process that launched it has gone, so the local stack never leaves
 * orphans behind, even when the launcher itself is killed without a chance to clean up. The exit
 * runs the JVM's shutdown hooks, so Spring still shuts down gracefully.
 */
public final class ParentProcessWatchdog {

    private static final Logger log = LoggerFactory.getLogger(ParentProcessWatchdog.class);

    private ParentProcessWatchdog() {}

    public static void watch(long parentPid) {
        var parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty() || !parent.get().isAlive()) {
            log.warn("Launcher process {} is gone; stopping", parentPid);
            exitOffThread();
            return;
        }
        parent.get().onExit().thenRun(() -> {
            log.info("Launcher process {} exited; stopping", parentPid);
            exitOffThread();
        });
    }

    private static void exitOffThread() {
        Thread.ofPlatform().name("parent-watchdog-exit").start(() -> System.exit(0));
    }
}
