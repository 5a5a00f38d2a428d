package dev.jwal.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The state of a {@link SimulatedFileSystem}'s disk and what each step does to
 * it once the step is allowed to run: the directories it has touched (their
 * names now and at their last completed force), each file's {@link Inode}, the
 * free space the fault plan leaves, and when a segment was last forced. The
 * real files play the page cache; this class keeps what is durable beside
 * them. Every method runs under the file system's monitor; {@link StepRunner}
 * decides whether a step runs at all.
 */
final class SimulatedDisk {
    private final Map<Path, DirectoryState> directories = new HashMap<>();
    private final Map<Path, Long> lastForceNanos = new HashMap<>();

    /** Forgets everything learnt: after a power loss, what is on disk is the durable state. */
    void forget() {
        directories.clear();
        lastForceNanos.clear();
    }

    /** Rewrites every directory touched to its durable state. */
    void cutPower(PowerLossOptions options) throws IOException {
        new PowerLossApplier(options).apply(new ArrayList<>(directories.values()));
    }

    OptionalLong lastForceNanos(Path directory) {
        Long nanos = lastForceNanos.get(directory);
        return nanos == null ? OptionalLong.empty() : OptionalLong.of(nanos);
    }

    void createDirectories(Path path) throws IOException {
        Files.createDirectories(path);
        directory(path);
    }

    /** The first step of {@code createNew}: a forced temporary file holding {@code header}. */
    void createTemporary(Path target, String temporary, byte[] header, FaultState faults) throws IOException {
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        writeTemporary(directory(target.getParent()), temporary, header, faults);
    }

    /** The first step of {@code replaceAtomically}: a forced temporary file holding {@code content}. */
    void replaceTemporary(Path target, String temporary, byte[] content, FaultState faults) throws IOException {
        writeTemporary(directory(target.getParent()), temporary, content, faults);
    }

    /** Renames {@code from} to {@code to} inside {@code target}'s directory: the second step of both composites. */
    void renameInto(Path target, String from, boolean replace, FaultState faults) throws IOException {
        rename(directory(target.getParent()), from, target.getFileName().toString(), replace, faults);
    }

    SimulatedFile openForAppend(SimulatedFileSystem fs, Path path, long epoch) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE);
        try {
            Inode inode = inodeOf(path);
            inode.written(channel.size());
            return new SimulatedFile(fs, path, channel, inode, epoch);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    SimulatedFile createFile(SimulatedFileSystem fs, Path path, long epoch) throws IOException {
        DirectoryState state = directory(path.getParent());
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            Inode inode = new Inode(0);
            state.current().put(path.getFileName().toString(), inode);
            return new SimulatedFile(fs, path, channel, inode, epoch);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** {@code rename(from, to)} of the seam: both in one directory, already checked. */
    void rename(Path from, Path to, FaultState faults) throws IOException {
        if (from.equals(to)) {
            inodeOf(from);
            return;
        }
        rename(directory(from.getParent()), from.getFileName().toString(), to.getFileName().toString(), true, faults);
    }

    void truncate(Path path, long size, FaultState faults) throws IOException {
        Inode inode = inodeOf(path);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            long before = channel.size();
            long allocatedBefore = allocated(inode, before);
            channel.truncate(size);
            long after = channel.size();
            inode.truncated(after);
            inode.forced(inode.writtenLength(), after);
            faults.release(allocatedBefore - allocated(inode, after));
        }
    }

    /** Fails as a read of the first {@code length} bytes would, if the real file is shorter. */
    void requireLength(Path path, long length) throws IOException {
        if (Files.size(path) < length) {
            throw new java.io.EOFException(path + " is shorter than the " + length + " bytes to write again");
        }
    }

    /** A completed force of bytes written again: the first {@code length} are durable, none of them lost. */
    void rewritten(Path path, long length) throws IOException {
        Inode inode = inodeOf(path);
        inode.rewritten(length);
        inode.forced(Math.max(inode.durableLength(), Math.min(length, inode.writtenLength())),
                Math.max(inode.durableFileLength(), Files.size(path)));
    }

    void delete(Path path, FaultState faults) throws IOException {
        DirectoryState state = directory(path.getParent());
        String name = path.getFileName().toString();
        long allocated = allocated(state.current().get(name), Files.size(path));
        byte[] keep = needsKeeping(state, name) ? Files.readAllBytes(path) : null;
        Files.delete(path);
        unname(state, name, keep);
        faults.release(allocated);
    }

    void forceDirectory(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            throw new NoSuchFileException(path.toString(), null, "not a directory");
        }
        directory(path).forced();
    }

    /** Appends {@code buffers}: a short write or a full disk writes part, then throws. */
    void write(SimulatedFile file, ByteBuffer[] buffers, FaultState.Decision decision, FaultState faults)
            throws IOException {
        long total = 0;
        for (ByteBuffer buffer : buffers) {
            total += buffer.remaining();
        }
        long allowed = total;
        IOException failure = null;
        if (decision.isShortWrite()) {
            allowed = decision.shortWriteBytes(total);
            failure = new IOException("injected short write (#" + decision.nth() + "): wrote " + allowed
                    + " of " + total + " bytes to " + file.path());
        }
        if (faults.freeBytes() < allowed) {
            allowed = faults.freeBytes();
            failure = noSpace(file.path());
        }
        faults.consume(file.writeAtEnd(buffers, allowed));
        if (failure != null) {
            throw failure;
        }
    }

    /** A completed force: the data up to {@code size()} and the real file's length become durable. */
    void force(SimulatedFile file) throws IOException {
        file.inode().forced(file.size(), file.fileLength());
        if (isSegment(file.path())) {
            lastForceNanos.put(file.path().getParent(), System.nanoTime());
        }
    }

    /** Cuts the real file at {@code size()}, giving back only space that written bytes took. */
    void releaseReserved(SimulatedFile file, FaultState faults) throws IOException {
        long allocatedBefore = allocated(file.inode(), file.fileLength());
        file.cutAtSize();
        faults.release(allocatedBefore - allocated(file.inode(), file.fileLength()));
    }

    /** The file {@code path} names, adopting it as durable if the simulation has not seen it made. */
    Inode inodeOf(Path path) throws IOException {
        DirectoryState state = directory(path.getParent());
        String name = path.getFileName().toString();
        Inode inode = state.current().get(name);
        if (inode == null) {
            if (!Files.exists(path)) {
                throw new NoSuchFileException(path.toString());
            }
            inode = state.adopt(name, Files.size(path));
        }
        return inode;
    }

    /** Whether {@code file} is named like a segment ({@code digits.wal}). */
    private static boolean isSegment(Path file) {
        return file.getFileName().toString().matches("\\d{1,20}\\.wal");
    }

    /** The state of {@code directory}, first taking what it holds as durable. */
    private DirectoryState directory(Path directory) throws IOException {
        DirectoryState state = directories.get(directory);
        if (state != null) {
            return state;
        }
        state = new DirectoryState(directory);
        if (Files.isDirectory(directory)) {
            try (Stream<Path> entries = Files.list(directory)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    if (Files.isRegularFile(entry)) {
                        state.adopt(entry.getFileName().toString(), Files.size(entry));
                    }
                }
            }
        }
        directories.put(directory, state);
        return state;
    }

    /** Creates (or overwrites) a temporary file holding {@code content}, forced, its name not yet durable. */
    private static void writeTemporary(DirectoryState state, String name, byte[] content, FaultState faults)
            throws IOException {
        Path path = state.path().resolve(name);
        long previousSize = Files.exists(path) ? allocated(state.current().get(name), Files.size(path)) : 0;
        byte[] keep = needsKeeping(state, name) ? Files.readAllBytes(path) : null;
        long free = faults.freeBytes();
        long available = free == Long.MAX_VALUE ? free : free + previousSize;
        int fits = (int) Math.min(content.length, available);
        Files.write(path, Arrays.copyOf(content, fits));
        unname(state, name, keep);
        faults.release(previousSize);
        faults.consume(fits);
        Inode inode = new Inode(0);
        inode.written(fits);
        state.current().put(name, inode);
        if (fits < content.length) {
            throw noSpace(path);
        }
        inode.forced(content.length, content.length);
    }

    /** Renames {@code from} to {@code to} in {@code state}'s directory; the change is not yet durable. */
    private void rename(DirectoryState state, String from, String to, boolean replace, FaultState faults)
            throws IOException {
        Path source = state.path().resolve(from);
        Path target = state.path().resolve(to);
        Inode moving = inodeOf(source);
        byte[] keep = null;
        long replacedSize = 0;
        if (Files.exists(target)) {
            if (!replace) {
                throw new FileAlreadyExistsException(target.toString());
            }
            replacedSize = allocated(state.current().get(to), Files.size(target));
            keep = needsKeeping(state, to) ? Files.readAllBytes(target) : null;
        }
        if (replace) {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        }
        unname(state, to, keep);
        state.current().remove(from);
        state.current().put(to, moving);
        faults.release(replacedSize);
    }

    /**
     * The free space a file of {@code fileLength} real bytes takes: its written bytes, not the reserved
     * zeros after them ({@code inode} null for a file the simulation does not know: all of it).
     */
    private static long allocated(Inode inode, long fileLength) {
        return inode == null ? fileLength : Math.min(fileLength, inode.writtenLength());
    }

    /** Whether removing {@code name} takes the last name from a file a power loss could bring back. */
    private static boolean needsKeeping(DirectoryState state, String name) {
        Inode inode = state.current().get(name);
        if (inode == null || !state.durablyNamed(inode)) {
            return false;
        }
        return state.current().entrySet().stream()
                .noneMatch(entry -> entry.getValue() == inode && !entry.getKey().equals(name));
    }

    /** {@code name} no longer names its file; {@code kept} is that file's content if it must be kept aside. */
    private static void unname(DirectoryState state, String name, byte[] kept) {
        Inode inode = state.current().remove(name);
        if (inode != null && kept != null) {
            inode.detach(kept);
        }
    }

    private static IOException noSpace(Path path) {
        return new IOException("No space left on device (simulated full disk) writing " + path);
    }
}
