package dev.jwal.core.index;

import dev.jwal.core.segment.SegmentFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The segment indexes of one log, shared by its writer and its readers: the index of the segment being written
 * (kept while it is), and those of the {@value #CACHED} segments used last, each loaded from its index file when
 * first needed, or started empty for readers to fill when there is none. An index is dropped when its segment
 * file is replaced (another file under the same name). {@link #disabled()} holds none: every read then scans
 * segments from their start, as before indexes existed. Thread safe.
 */
public final class SegmentIndexes {
    /** How many segments' indexes are kept besides the active one's: at 64 MiB segments, 256 KiB each. */
    static final int CACHED = 16;

    private final boolean enabled;
    // Guarded by this.
    private final Map<Path, Held> recent = new LinkedHashMap<>(CACHED * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Held> eldest) {
            return size() > CACHED;
        }
    };
    private final Map<Path, Held> active = new HashMap<>();

    private SegmentIndexes(boolean enabled) {
        this.enabled = enabled;
    }

    /** Indexes for a log opened now. */
    public static SegmentIndexes create() {
        return new SegmentIndexes(true);
    }

    /** No indexes: readers scan every segment from its start and build nothing. */
    public static SegmentIndexes disabled() {
        return new SegmentIndexes(false);
    }

    /** Whether readers use indexes. */
    public boolean enabled() {
        return enabled;
    }

    /** An index and the identity of the segment file it belongs to. */
    private record Held(SegmentIndex index, Object fileKey) {
    }

    /**
     * The index of {@code segment} for readers: the one held, else the one its index file holds, else an empty
     * one that the reader fills. Null when disabled, or when the segment cannot be looked at (its reader will
     * report that).
     */
    public SegmentIndex of(SegmentFile segment) {
        if (!enabled) {
            return null;
        }
        Path path = key(segment);
        BasicFileAttributes attributes = attributes(path);
        if (attributes == null) {
            return null;
        }
        synchronized (this) {
            Held held = active.get(path);
            if (held == null) {
                held = recent.get(path);
            }
            if (held != null && Objects.equals(held.fileKey(), attributes.fileKey())) {
                return held.index();
            }
            SegmentIndex stored = SegmentIndexFile.read(segment, attributes.size());
            Held loaded = new Held(stored != null ? stored : new SegmentIndex(), attributes.fileKey());
            recent.put(path, loaded);
            return loaded.index();
        }
    }

    /**
     * The index of the segment the writer appends to from now on, kept until {@link #sealed}: for a segment it
     * reopens, the one held or stored (entries past its {@code length} forgotten), else a new one.
     *
     * @param length the segment's length now
     */
    public synchronized SegmentIndex active(SegmentFile segment, long length, boolean reopened) {
        Path path = key(segment);
        SegmentIndex index = reopened && enabled ? of(segment) : null;
        if (index == null) {
            index = new SegmentIndex();
        }
        index.truncate(length);
        recent.remove(path);
        active.put(path, new Held(index, fileKey(path)));
        return index;
    }

    /** The writer no longer appends to {@code segment}: its index is kept like any other. */
    public synchronized void sealed(SegmentFile segment) {
        Held held = active.remove(key(segment));
        if (held != null && enabled) {
            recent.put(key(segment), held);
        }
    }

    /** {@code segment} is being deleted: its index goes too. */
    public synchronized void forget(SegmentFile segment) {
        Path path = key(segment);
        active.remove(path);
        recent.remove(path);
    }

    private static Path key(SegmentFile segment) {
        return segment.path().toAbsolutePath().normalize();
    }

    private static BasicFileAttributes attributes(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? attributes : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Object fileKey(Path path) {
        BasicFileAttributes attributes = attributes(path);
        return attributes == null ? null : attributes.fileKey();
    }
}
