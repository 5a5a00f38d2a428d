package dev.jwal.core.retention;

import dev.jwal.api.LogProblem;
import dev.jwal.api.SegmentInfo;
import dev.jwal.api.SegmentListener;
import dev.jwal.api.error.WalException;
import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.read.ReadContext;
import dev.jwal.core.segment.ShippedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Offers finished segments to the segment listeners, in log order, and remembers how far each took the log:
 * listener {@code i} has returned normally for every finished segment below {@code taken[i]}. A listener that
 * throws is reported and offered nothing more in this pass; the next pass offers it the same segment again. The
 * lowest of those LSNs is persisted ({@link ShippedFile}) so that a restart offers only what was not taken, and
 * is what retention may delete below ({@link #shippedBelow()}). Used on the maintenance thread only, but
 * {@link #shippedBelow()} may be read from any. Not thread safe otherwise.
 */
final class SegmentShipping {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentShipping.class);

    private final List<SegmentListener> listeners;
    private final LogFileSystem fs;
    private final Path directory;
    private final ReadContext context;
    private final MaintenanceProblems problems;
    private final long[] taken;
    private long persisted;
    private volatile long shippedBelow;

    /**
     * @param nextLsn the log's next LSN when it opened: a stored watermark past it belongs to another log (a
     *                directory replaced under it) and is not trusted
     */
    SegmentShipping(List<SegmentListener> listeners, LogFileSystem fs, Path directory, ReadContext context,
                    MaintenanceProblems problems, long nextLsn) {
        this.listeners = List.copyOf(listeners);
        this.fs = fs;
        this.directory = directory;
        this.context = context;
        this.problems = problems;
        long stored = listeners.isEmpty() ? 0 : storedWatermark(directory, nextLsn);
        this.taken = new long[listeners.size()];
        java.util.Arrays.fill(taken, stored);
        this.persisted = stored;
        this.shippedBelow = listeners.isEmpty() ? Long.MAX_VALUE : stored;
    }

    private static long storedWatermark(Path directory, long nextLsn) {
        OptionalLong stored = ShippedFile.read(directory);
        if (stored.isPresent() && stored.getAsLong() > nextLsn) {
            LOG.warn("ignoring the shipped watermark {} of {}: the log ends before it (next LSN {}); every finished "
                    + "segment is offered to the segment listeners again", stored.getAsLong(), directory, nextLsn);
            return 0;
        }
        return stored.orElse(0);
    }

    /** Whether there is any listener to offer segments to. */
    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /**
     * The LSN below which every record is in a segment every listener took; {@code Long.MAX_VALUE} without
     * listeners.
     */
    long shippedBelow() {
        return shippedBelow;
    }

    /**
     * Offers each listener the finished segments it has not taken yet, then persists the new watermark.
     *
     * @param sealed whether the log is closed, so that its last segment is finished too
     */
    void offer(LogView.Snapshot snapshot, boolean sealed) {
        if (listeners.isEmpty()) {
            return;
        }
        long from = min(taken);
        List<SegmentInfo> finished;
        try {
            finished = FinishedSegments.from(snapshot, sealed, from, context);
        } catch (WalException e) {
            problems.report(LogProblem.Kind.SEGMENT_LISTENER_FAILED, directory, from,
                    "finished segments could not be read, so none was offered", e);
            return;
        }
        for (int i = 0; i < listeners.size(); i++) {
            taken[i] = offerTo(i, finished, taken[i]);
        }
        advance(min(taken));
    }

    /** Offers listener {@code i} the segments from {@code from}; returns where it got to. */
    private long offerTo(int i, List<SegmentInfo> finished, long from) {
        long next = from;
        for (SegmentInfo segment : finished) {
            if (segment.lastLsn() < next) {
                continue;
            }
            try {
                listeners.get(i).segmentClosed(segment);
            } catch (Exception e) {
                problems.report(LogProblem.Kind.SEGMENT_LISTENER_FAILED, segment.path(), segment.firstLsn(),
                        "segment listener " + (i + 1) + " of " + listeners.size() + " (" + listeners.get(i)
                                + ") failed; the segment is kept and offered again later", e);
                return next;
            }
            next = segment.lastLsn() + 1;
        }
        return next;
    }

    /** Makes {@code watermark} the new shipped LSN, stored durably first (if the file cannot be written it lags). */
    private void advance(long watermark) {
        if (watermark <= persisted) {
            return;
        }
        try {
            ShippedFile.write(fs, directory, watermark);
            persisted = watermark;
        } catch (IOException e) {
            // Only the file lags: a restart offers the segments again, which listeners take at least once anyway.
            LOG.warn("could not store the shipped watermark {} in {}; after a restart the segments below it are "
                    + "offered again", watermark, directory, e);
        }
        shippedBelow = watermark;
    }

    private static long min(long[] values) {
        long min = Long.MAX_VALUE;
        for (long value : values) {
            min = Math.min(min, value);
        }
        return min;
    }
}
