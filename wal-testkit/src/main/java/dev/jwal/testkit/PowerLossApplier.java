package dev.jwal.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Rewrites directories to what a power loss leaves: names not covered by a
 * completed directory force go, names removed or renamed since come back with
 * the durable bytes of the file they named, and every file is cut back to its
 * durable bytes (plus, depending on the options, some of the unforced ones),
 * then filled with zeros up to its durable length if a durable reservation made
 * it longer than that.
 *
 * <p>The options decide only the fate of a file's unforced data, from its
 * durable length to the end of its written data; the reserved zeros after that
 * take no part in the random choices, so a seed means the same outcome whether
 * or not a file has room reserved.
 */
final class PowerLossApplier {
    private final PowerLossOptions options;
    private final Random random;

    PowerLossApplier(PowerLossOptions options) {
        this.options = options;
        this.random = new Random(options.seed());
    }

    /** Applies the loss to every directory, in path order (so a seed always means the same outcome). */
    void apply(List<DirectoryState> directories) throws IOException {
        List<DirectoryState> ordered = new ArrayList<>(directories);
        ordered.sort(Comparator.comparing(DirectoryState::path));
        for (DirectoryState directory : ordered) {
            apply(directory);
        }
    }

    private void apply(DirectoryState directory) throws IOException {
        Map<String, Inode> durable = new TreeMap<>(directory.durable());
        Map<String, Inode> current = new TreeMap<>(directory.current());
        Map<String, Inode> restored = new TreeMap<>();
        Map<String, byte[]> restoredContent = new TreeMap<>();
        for (Map.Entry<String, Inode> entry : durable.entrySet()) {
            Inode inode = entry.getValue();
            if (current.get(entry.getKey()) != inode) {
                restored.put(entry.getKey(), inode);
                restoredContent.put(entry.getKey(), surviving(contentOf(directory, current, inode), inode));
            }
        }
        for (Map.Entry<String, Inode> entry : current.entrySet()) {
            if (durable.get(entry.getKey()) != entry.getValue()) {
                Files.deleteIfExists(directory.path().resolve(entry.getKey()));
            }
        }
        for (Map.Entry<String, Inode> entry : durable.entrySet()) {
            if (current.get(entry.getKey()) == entry.getValue()) {
                cutInPlace(directory.path().resolve(entry.getKey()), entry.getValue());
            }
        }
        for (Map.Entry<String, Inode> entry : restored.entrySet()) {
            Path file = directory.path().resolve(entry.getKey());
            Files.write(file, restoredContent.get(entry.getKey()));
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                extendWithZeros(channel, entry.getValue().durableFileLength());
            }
        }
    }

    /** The bytes of {@code inode}: from the name it has now, or as kept aside when it lost its last name. */
    private static byte[] contentOf(DirectoryState directory, Map<String, Inode> current, Inode inode)
            throws IOException {
        for (Map.Entry<String, Inode> entry : current.entrySet()) {
            if (entry.getValue() == inode) {
                return Files.readAllBytes(directory.path().resolve(entry.getKey()));
            }
        }
        byte[] detached = inode.detachedContent();
        if (detached == null) {
            throw new IllegalStateException("the simulation lost the content of a file durably named in "
                    + directory.path());
        }
        return detached;
    }

    /** What survives of the data of a file brought back; the caller extends it to its durable length. */
    private byte[] surviving(byte[] content, Inode inode) {
        long written = Math.min(inode.writtenLength(), content.length);
        long durable = Math.min(inode.durableLength(), written);
        Fate fate = fate(durable, written, inode);
        byte[] result = Arrays.copyOf(content, (int) fate.keep());
        for (long[] range : fate.zeroed()) {
            Arrays.fill(result, (int) range[0], (int) range[1], (byte) 0);
        }
        return result;
    }

    private void cutInPlace(Path file, Inode inode) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long written = Math.min(inode.writtenLength(), channel.size());
            long durable = Math.min(inode.durableLength(), written);
            Fate fate = fate(durable, written, inode);
            channel.truncate(fate.keep());
            for (long[] range : fate.zeroed()) {
                ByteBuffer zeros = ByteBuffer.allocate((int) (range[1] - range[0]));
                long position = range[0];
                while (zeros.hasRemaining()) {
                    position += channel.write(zeros, position);
                }
            }
            extendWithZeros(channel, inode.durableFileLength());
        } catch (NoSuchFileException e) {
            // Removed behind the simulation's back: nothing to cut.
        }
    }

    /** A durable reservation outlives the loss: zeros from what survived up to {@code length}, sparsely. */
    private static void extendWithZeros(FileChannel channel, long length) throws IOException {
        if (channel.size() < length) {
            ByteBuffer zero = ByteBuffer.allocate(1);
            while (zero.hasRemaining()) {
                channel.write(zero, length - 1);
            }
        }
    }

    /**
     * What a file keeps after the loss.
     *
     * @param keep   its length
     * @param zeroed ranges {@code [from, to)} below {@code keep} that read as zeros
     */
    private record Fate(long keep, List<long[]> zeroed) {
    }

    /** The fate of a file's unforced data, {@code [durable, length)}: {@code length} is where its data ends. */
    private Fate fate(long durable, long length, Inode inode) {
        List<long[]> zeroed = new ArrayList<>();
        long keep = options.unsynced() == PowerLossOptions.Unsynced.KEEP_RANDOM_PAGES
                ? keepRandomPages(durable, length, zeroed)
                : survivingLength(durable, length);
        if (options.unsynced() == PowerLossOptions.Unsynced.TEAR_LAST_PAGE && keep > durable) {
            zeroed.add(tornTail(durable, keep));
        }
        for (long[] lost : inode.lostRanges()) {
            long to = Math.min(lost[1], keep);
            if (lost[0] < to) {
                zeroed.add(new long[]{lost[0], to});
            }
        }
        return new Fate(keep, zeroed);
    }

    /** Each page holding unforced bytes survives with even odds; returns the length, adding lost pages to zeroed. */
    private long keepRandomPages(long durable, long length, List<long[]> zeroed) {
        long keep = durable;
        List<long[]> lost = new ArrayList<>();
        long page = durable / PowerLossOptions.PAGE_SIZE * PowerLossOptions.PAGE_SIZE;
        for (; page < length; page += PowerLossOptions.PAGE_SIZE) {
            long from = Math.max(page, durable);
            long to = Math.min(page + PowerLossOptions.PAGE_SIZE, length);
            if (random.nextBoolean()) {
                keep = to;
            } else {
                lost.add(new long[]{from, to});
            }
        }
        for (long[] range : lost) {
            if (range[0] < keep) {
                zeroed.add(range);
            }
        }
        return keep;
    }

    /** The torn end of the last page: from a random sector boundary in it (or the durable end) to {@code keep}. */
    private long[] tornTail(long durable, long keep) {
        long pageStart = (keep - 1) / PowerLossOptions.PAGE_SIZE * PowerLossOptions.PAGE_SIZE;
        long from = Math.max(durable, pageStart);
        List<Long> starts = new ArrayList<>();
        starts.add(from);
        long sector = (from / PowerLossOptions.SECTOR_SIZE + 1) * PowerLossOptions.SECTOR_SIZE;
        for (; sector < keep; sector += PowerLossOptions.SECTOR_SIZE) {
            starts.add(sector);
        }
        return new long[]{starts.get(random.nextInt(starts.size())), keep};
    }

    /** How many bytes of a file survive: the durable ones, and maybe a prefix of the rest. */
    private long survivingLength(long durable, long length) {
        if (options.unsynced() == PowerLossOptions.Unsynced.DROP || length <= durable) {
            return durable;
        }
        return durable + random.nextLong(length - durable + 1);
    }
}
