package dev.jwal.codec.tck;

import java.lang.management.ManagementFactory;

/**
 * How many bytes the current thread has allocated, where the JVM can tell
 * (HotSpot's {@code com.sun.management.ThreadMXBean}); elsewhere the
 * allocation checks are skipped. Thread safe.
 */
final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean BEAN = lookUp();

    private AllocationMeter() {
    }

    /** Bytes allocated by this thread so far, or -1 when the JVM cannot tell. */
    static long allocatedBytes() {
        return BEAN == null ? -1 : BEAN.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean lookUp() {
        try {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                    && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()) {
                return bean;
            }
        } catch (LinkageError | RuntimeException e) {
            // Not HotSpot, or the jdk.management module is absent: measure nothing.
        }
        return null;
    }
}
