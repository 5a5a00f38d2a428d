package dev.jwal.testkit;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.error.WalException;
import dev.jwal.core.io.LogFileSystem;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A {@link LogFileSystem} that simulates a disk which loses what was not
 * forced. Pass it to {@code Wal.open(config, fs)}, or to
 * {@code WalStorage.open(config, fs)}, whose snapshots go through the same
 * seam ({@link #createFile}, {@link #rename}, {@link #delete},
 * {@link #forceDirectory}).
 *
 * <p><b>What it simulates.</b> Every change is made to the real files at once
 * (they play the page cache: the log, and anything reading the files, sees
 * them), and the simulation remembers what is durable: per file, the length of
 * data a completed force covered, and the file's length then (which room
 * reserved past the data adds to); per directory, the entries its last
 * completed directory force covered. {@link #powerLoss(PowerLossOptions)}
 * rewrites the directories to that durable state: files are cut back to their
 * forced data (or, as the options say, keep part of the rest, or a torn last
 * page), then filled with zeros up to their durable length if a reservation
 * made them longer, files created or renamed into place since the last
 * directory force disappear, and files deleted or renamed over since come back
 * with their durable bytes. It never calls fsync itself: nothing here needs to
 * survive a real power loss, and the tests run faster for it.
 *
 * <p><b>Reserved room.</b> {@code AppendableFile.reserve(length)} extends the
 * real file with zeros (sparsely) without moving {@code size()}, where writes
 * keep landing, overwriting the zeros; {@code releaseReserved()} cuts the real
 * file at {@code size()}. Neither is durable before the next completed force of
 * the file, which makes both the data up to {@code size()} and the file's
 * length at that moment durable: a power loss before it leaves the file as long
 * as the last durable reservation (none, after a power loss following a reserve;
 * the reserved length back, after one following a release). Reserved zeros take
 * no free space; the data written into them does, as in a sparse file.
 *
 * <p><b>Faults.</b> A {@link FaultPlan} given to {@link #inject(FaultPlan)} fails
 * chosen operations, shortens writes, fills the disk, cuts the power before a
 * chosen operation, or runs hooks. A failed force behaves as on Linux: the
 * file's unforced bytes stay readable, but never become durable, even if a
 * later force succeeds.
 *
 * <p><b>Process crashes.</b> {@link #crashProcess()} simulates a {@code kill -9}:
 * what was written stays (the kernel has it), nothing more becomes durable, and
 * the dead process makes no further change. After {@link #restart()} a new
 * "process" reopens the log through this file system, and a later
 * {@link #powerLoss} still loses whatever neither process forced.
 *
 * <p><b>Abandoning a log.</b> Crash the process or cut the power <em>before</em>
 * closing the log (a normal close forces everything). After that every
 * operation, and every file opened before, throws {@link SimulatedCrashException},
 * so the log's {@code close()} fails harmlessly while still releasing its
 * directory lock; {@link #closeAbandoned(WriteAheadLog)} does that quietly. Then
 * reopen the directory with {@code Wal.open(config)}, or with this file system
 * after {@link #restart()}.
 *
 * <p>Files it did not see created (present before it first touched their
 * directory, or made without the seam, like the log's lock file) are taken as
 * durable and left alone. Thread safe: one lock serializes all operations.
 */
public final class SimulatedFileSystem implements LogFileSystem {
    private final Object monitor = new Object();
    private final Map<Path, DirectoryState> directories = new HashMap<>();
    private final Map<FileOperation, Long> attempted = new EnumMap<>(FileOperation.class);
    private final Map<Path, Long> lastForceNanos = new HashMap<>();
    private FaultState faults = new FaultState(FaultPlan.none());
    private boolean poweredOff;
    private boolean crashed;
    private long epoch;

    /** A simulated disk without faults. */
    public SimulatedFileSystem() {
    }

    /** A simulated disk with {@code plan} injected. */
    public SimulatedFileSystem(FaultPlan plan) {
        inject(plan);
    }

    /**
     * Replaces the fault plan; its operations are counted from now. {@link FaultPlan#none()} removes
     * every fault and the space limit.
     */
    public void inject(FaultPlan plan) {
        Objects.requireNonNull(plan, "plan");
        synchronized (monitor) {
            faults = new FaultState(plan);
        }
    }

    /** Lifts the space limit of the plan (as if files were deleted elsewhere); other faults stay. */
    public void freeSpace() {
        synchronized (monitor) {
            faults.unlimitedSpace();
        }
    }

    /** Cuts the power, losing every unforced byte: {@code powerLoss(PowerLossOptions.dropUnsynced())}. */
    public void powerLoss() {
        powerLoss(PowerLossOptions.dropUnsynced());
    }

    /**
     * Cuts the power: rewrites every directory this file system has touched to its durable state, as
     * described in the class comment, and refuses every later operation with
     * {@link SimulatedCrashException} until {@link #restart()}. Safe to call from any thread while the log
     * is in use: operations in progress complete before it, later ones fail. Allowed after
     * {@link #crashProcess()} too.
     *
     * @throws IllegalStateException if the power is already off
     * @throws UncheckedIOException  if rewriting the real files fails
     */
    public void powerLoss(PowerLossOptions options) {
        Objects.requireNonNull(options, "options");
        synchronized (monitor) {
            if (poweredOff) {
                throw new IllegalStateException("the power is already off");
            }
            try {
                cutPower(options);
            } catch (IOException e) {
                throw new UncheckedIOException("rewriting the directories to their durable state", e);
            }
        }
    }

    /** Whether the power is off: after {@link #powerLoss}, or a plan's power loss, until {@link #restart()}. */
    public boolean isPoweredOff() {
        synchronized (monitor) {
            return poweredOff;
        }
    }

    /**
     * Simulates a crash of the process using the log ({@code kill -9}): every byte written stays as it is
     * (in the kernel's page cache, readable, durable only as far as it was forced), and every later
     * operation is refused with {@link SimulatedCrashException} until {@link #restart()}, so the dead log
     * changes nothing more, not even when it is closed. A {@link #powerLoss} may follow, before or after
     * the restart.
     *
     * @throws IllegalStateException if the power is off or the process already crashed
     */
    public void crashProcess() {
        synchronized (monitor) {
            if (poweredOff || crashed) {
                throw new IllegalStateException(poweredOff ? "the power is off" : "the process already crashed");
            }
            crashed = true;
        }
    }

    /** Whether the process crashed ({@link #crashProcess()}) and has not been restarted. */
    public boolean isCrashed() {
        synchronized (monitor) {
            return crashed;
        }
    }

    /**
     * Starts again after a crash. After a power loss, what is on disk now is the durable state; after a
     * process crash, what was durable stays durable and what was not stays at risk of a later power loss.
     * Either way the fault plan is {@link FaultPlan#none()} and files opened before stay dead.
     *
     * @throws IllegalStateException if neither the power was cut nor the process crashed
     */
    public void restart() {
        synchronized (monitor) {
            if (!poweredOff && !crashed) {
                throw new IllegalStateException("nothing to restart from: cut the power with powerLoss() or "
                        + "crash the process with crashProcess() first");
            }
            if (poweredOff) {
                directories.clear();
                lastForceNanos.clear();
            }
            poweredOff = false;
            crashed = false;
            epoch++;
            faults = new FaultState(FaultPlan.none());
        }
    }

    /** How many {@code operation}s were attempted since this file system was made, failed ones included. */
    public long operations(FileOperation operation) {
        synchronized (monitor) {
            return attempted.getOrDefault(operation, 0L);
        }
    }

    /** How many operations of any kind were attempted since this file system was made. */
    public long operations() {
        synchronized (monitor) {
            return attempted.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * When ({@link System#nanoTime()}) the last completed {@code AppendableFile.force()} of a segment file in
     * {@code directory} took its snapshot: every byte written to that file before then is durable.
     * Truncations do not count (they force, but may cut what was written), nor do forces of other files (a
     * side file the log copies cut bytes into says nothing of what the segments hold). Empty if no force completed
     * since this file system was made or restarted.
     */
    public OptionalLong lastForceNanos(Path directory) {
        synchronized (monitor) {
            Long nanos = lastForceNanos.get(normalize(directory));
            return nanos == null ? OptionalLong.empty() : OptionalLong.of(nanos);
        }
    }

    /**
     * Closes a log abandoned by a simulated power loss or process crash: its close fails (it cannot force
     * any more) but releases the directory lock and the files; the failure is swallowed. Call it after the
     * crash, never before.
     */
    public static void closeAbandoned(WriteAheadLog log) {
        try {
            log.close();
        } catch (WalException expected) {
            // The power is off: the final force fails, which is the point.
        }
    }

    @Override
    public void createDirectories(Path directory) throws IOException {
        Path path = normalize(directory);
        step(FileOperation.CREATE_DIRECTORIES, path, -1, null, decision -> {
            Files.createDirectories(path);
            directory(path);
            return null;
        });
    }

    @Override
    public AppendableFile createNew(Path file, byte[] header) throws IOException {
        Path target = normalize(file);
        String name = target.getFileName().toString();
        String temporary = name + ".tmp";
        step(FileOperation.CREATE, target, -1, null, decision -> {
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            writeTemporary(directory(target.getParent()), temporary, header);
            return null;
        });
        step(FileOperation.RENAME, target, -1, null, decision -> {
            rename(directory(target.getParent()), temporary, name, false);
            return null;
        });
        forceDirectory(target.getParent());
        return openForAppend(target);
    }

    /**
     * Opens the file for appending after its last byte: {@code size()} is the real file's length, reserved
     * zeros included, so the log must cut a segment's reserved room away (with {@link #truncate}) before
     * reopening it, as it does; zeros left there would count as written data.
     */
    @Override
    public AppendableFile openForAppend(Path file) throws IOException {
        Path path = normalize(file);
        return step(FileOperation.OPEN, path, -1, null, decision -> {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE);
            try {
                Inode inode = inodeOf(path);
                inode.written(channel.size());
                return new SimulatedFile(this, path, channel, inode, epoch);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        });
    }

    @Override
    public void replaceAtomically(Path file, byte[] content) throws IOException {
        Path target = normalize(file);
        String name = target.getFileName().toString();
        String temporary = name + ".tmp";
        step(FileOperation.REPLACE, target, -1, null, decision -> {
            writeTemporary(directory(target.getParent()), temporary, content);
            return null;
        });
        step(FileOperation.RENAME, target, -1, null, decision -> {
            rename(directory(target.getParent()), temporary, name, true);
            return null;
        });
        forceDirectory(target.getParent());
    }

    /**
     * Creates the file empty and opens it: the real file exists at once, its name is durable only after a
     * completed {@link #forceDirectory} of its directory, its bytes after a completed force.
     */
    @Override
    public AppendableFile createFile(Path file) throws IOException {
        Path path = normalize(file);
        return step(FileOperation.CREATE_FILE, path, -1, null, decision -> {
            DirectoryState state = directory(path.getParent());
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Inode inode = new Inode(0);
                state.current().put(path.getFileName().toString(), inode);
                return new SimulatedFile(this, path, channel, inode, epoch);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        });
    }

    /**
     * Renames at once on disk; a power loss before the next completed {@link #forceDirectory} puts
     * {@code source} back and {@code target} as it was durably (absent, or the file it replaced, with that
     * file's durable bytes). Counted as a {@link FileOperation#RENAME}.
     */
    @Override
    public void rename(Path source, Path target) throws IOException {
        Path from = normalize(source);
        Path to = normalize(target);
        if (!from.getParent().equals(to.getParent())) {
            throw new IllegalArgumentException("a rename stays in one directory: " + source + " -> " + target);
        }
        step(FileOperation.RENAME, to, -1, null, decision -> {
            if (from.equals(to)) {
                inodeOf(from);
                return null;
            }
            rename(directory(from.getParent()), from.getFileName().toString(), to.getFileName().toString(), true);
            return null;
        });
    }

    /**
     * Cuts the file and forces it: its data up to the cut (or up to its written end, if reserved zeros
     * remain past that) and its new length are durable at once, so no durable reservation outlasts the
     * cut. Gives back the free space the written bytes cut off took.
     */
    @Override
    public void truncate(Path file, long size) throws IOException {
        Path path = normalize(file);
        step(FileOperation.TRUNCATE, path, -1, null, decision -> {
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
            return null;
        });
    }

    @Override
    public void delete(Path file) throws IOException {
        Path path = normalize(file);
        step(FileOperation.DELETE, path, -1, null, decision -> {
            DirectoryState state = directory(path.getParent());
            String name = path.getFileName().toString();
            long allocated = allocated(state.current().get(name), Files.size(path));
            byte[] keep = needsKeeping(state, name) ? Files.readAllBytes(path) : null;
            Files.delete(path);
            unname(state, name, keep);
            faults.release(allocated);
            return null;
        });
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        Path path = normalize(directory);
        step(FileOperation.FORCE_DIRECTORY, path, -1, null, decision -> {
            if (!Files.isDirectory(path)) {
                throw new NoSuchFileException(path.toString(), null, "not a directory");
            }
            directory(path).forced();
            return null;
        });
    }

    /** Appends for {@link SimulatedFile#write}: a short write or a full disk writes part, then throws. */
    void write(SimulatedFile file, ByteBuffer[] buffers) throws IOException {
        step(FileOperation.WRITE, file.path(), file.epoch(), null, decision -> {
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
            return null;
        });
    }

    /** Whether {@code file} is named like a segment ({@code digits.wal}). */
    private static boolean isSegment(Path file) {
        return file.getFileName().toString().matches("\\d{1,20}\\.wal");
    }

    /**
     * Forces for {@link SimulatedFile#force}: the data up to {@code size()} and the real file's length
     * (reserved zeros included) become durable; or, if the force fails, the unforced data is lost.
     */
    void force(SimulatedFile file) throws IOException {
        Runnable lose = () -> file.inode().forceFailed(file.size());
        step(FileOperation.FORCE, file.path(), file.epoch(), lose, decision -> {
            file.inode().forced(file.size(), file.fileLength());
            if (isSegment(file.path())) {
                lastForceNanos.put(file.path().getParent(), System.nanoTime());
            }
            return null;
        });
    }

    /**
     * Reserves for {@link SimulatedFile#reserve}: extends the real file with zeros, sparsely, taking no
     * free space; durable at the next completed force.
     */
    void reserve(SimulatedFile file, long length) throws IOException {
        step(FileOperation.RESERVE, file.path(), file.epoch(), null, decision -> {
            file.extendTo(length);
            return null;
        });
    }

    /**
     * Releases for {@link SimulatedFile#releaseReserved}: cuts the real file at {@code size()}; durable at
     * the next completed force. Gives back only space that written bytes took (normally none: past
     * {@code size()} there are only reserved zeros).
     */
    void releaseReserved(SimulatedFile file) throws IOException {
        step(FileOperation.RELEASE_RESERVED, file.path(), file.epoch(), null, decision -> {
            long allocatedBefore = allocated(file.inode(), file.fileLength());
            file.cutAtSize();
            faults.release(allocatedBefore - allocated(file.inode(), file.fileLength()));
            return null;
        });
    }

    /** Durable bytes of data of {@code file} as the simulation sees them: for tests of the simulation. */
    long durableLength(Path file) throws IOException {
        synchronized (monitor) {
            return inodeOf(normalize(file)).durableLength();
        }
    }

    /**
     * The durable length of {@code file} itself, reserved zeros included (at least {@link #durableLength}):
     * for tests of the simulation.
     */
    long durableFileLength(Path file) throws IOException {
        synchronized (monitor) {
            return inodeOf(normalize(file)).durableFileLength();
        }
    }

    @FunctionalInterface
    private interface Body<T> {
        T run(FaultState.Decision decision) throws IOException;
    }

    /**
     * Runs one step: counts it, runs the plan's hooks outside the lock, then under it cuts the power,
     * fails the step (running {@code onFailure} first) or runs {@code body}.
     *
     * @param fileEpoch the power cycle a file was opened in, or -1 for an operation on a path
     */
    private <T> T step(FileOperation operation, Path target, long fileEpoch, Runnable onFailure, Body<T> body)
            throws IOException {
        FaultState.Decision decision;
        synchronized (monitor) {
            ensurePowered(operation, target, fileEpoch);
            attempted.merge(operation, 1L, Long::sum);
            decision = faults.next(operation);
        }
        for (Runnable hook : decision.hooks()) {
            hook.run();
        }
        synchronized (monitor) {
            ensurePowered(operation, target, fileEpoch);
            if (decision.powerLoss() != null) {
                cutPower(decision.powerLoss());
                throw new SimulatedCrashException("simulated power loss before " + operation + " of " + target);
            }
            if (decision.crash()) {
                crashed = true;
                throw new SimulatedCrashException("simulated process crash before " + operation + " of " + target);
            }
            if (decision.fail()) {
                if (onFailure != null) {
                    onFailure.run();
                }
                throw decision.failure(target);
            }
            return body.run(decision);
        }
    }

    private void ensurePowered(FileOperation operation, Path target, long fileEpoch) throws SimulatedCrashException {
        if (poweredOff) {
            throw new SimulatedCrashException("the power is off (simulated power loss): " + operation + " of " + target
                    + " refused");
        }
        if (crashed) {
            throw new SimulatedCrashException("the process crashed (simulated): " + operation + " of " + target
                    + " refused until restart()");
        }
        if (fileEpoch >= 0 && fileEpoch != epoch) {
            throw new SimulatedCrashException(target + " was opened before a simulated crash: " + operation
                    + " refused");
        }
    }

    private void cutPower(PowerLossOptions options) throws IOException {
        poweredOff = true;
        crashed = false;
        new PowerLossApplier(options).apply(new ArrayList<>(directories.values()));
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

    /** The file {@code path} names, adopting it as durable if the simulation has not seen it made. */
    private Inode inodeOf(Path path) throws IOException {
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

    /** Creates (or overwrites) a temporary file holding {@code content}, forced, its name not yet durable. */
    private void writeTemporary(DirectoryState state, String name, byte[] content) throws IOException {
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
    private void rename(DirectoryState state, String from, String to, boolean replace) throws IOException {
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

    private static Path normalize(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
