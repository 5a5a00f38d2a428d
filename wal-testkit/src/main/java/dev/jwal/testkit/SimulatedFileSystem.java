package dev.jwal.testkit;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.error.WalException;
import dev.jwal.core.io.LogFileSystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;

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
 * chosen operations, shortens writes, slows operations down, fills the disk,
 * cuts the power before a chosen operation, or runs hooks. A failed force behaves as on Linux: the
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
 * durable and left alone. An interrupt of the calling thread aborts no
 * operation, as with wal-core's standard file system: the interrupt flag is
 * cleared while the real files are touched and set again afterwards (an
 * interrupt sent by another thread during those few microseconds can still
 * close the real file's channel). Thread safe: one lock serializes all operations
 * (hooks and delays of a {@link FaultPlan} run outside it).
 *
 * <p>Inside, the work is split three ways: this class is the seam and the
 * controls; {@link StepRunner} counts each step, applies the plan and the power
 * state, and holds the lock; {@link SimulatedDisk} changes the real files and
 * remembers what is durable.
 */
public final class SimulatedFileSystem implements LogFileSystem {
    private final SimulatedDisk disk = new SimulatedDisk();
    private final StepRunner steps = new StepRunner(disk);

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
        steps.inject(plan);
    }

    /** Lifts the space limit of the plan (as if files were deleted elsewhere); other faults stay. */
    public void freeSpace() {
        steps.unlimitedSpace();
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
        try {
            steps.powerLoss(options);
        } catch (IOException e) {
            throw new UncheckedIOException("rewriting the directories to their durable state", e);
        }
    }

    /** Whether the power is off: after {@link #powerLoss}, or a plan's power loss, until {@link #restart()}. */
    public boolean isPoweredOff() {
        return steps.isPoweredOff();
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
        steps.crashProcess();
    }

    /** Whether the process crashed ({@link #crashProcess()}) and has not been restarted. */
    public boolean isCrashed() {
        return steps.isCrashed();
    }

    /**
     * Starts again after a crash. After a power loss, what is on disk now is the durable state; after a
     * process crash, what was durable stays durable and what was not stays at risk of a later power loss.
     * Either way the fault plan is {@link FaultPlan#none()} and files opened before stay dead.
     *
     * @throws IllegalStateException if neither the power was cut nor the process crashed
     */
    public void restart() {
        steps.restart();
    }

    /** How many {@code operation}s were attempted since this file system was made, failed ones included. */
    public long operations(FileOperation operation) {
        return steps.operations(operation);
    }

    /** How many operations of any kind were attempted since this file system was made. */
    public long operations() {
        return steps.operations();
    }

    /**
     * When ({@link System#nanoTime()}) the last completed {@code AppendableFile.force()} of a segment file in
     * {@code directory} took its snapshot: every byte written to that file before then is durable.
     * Truncations do not count (they force, but may cut what was written), nor do forces of other files (a
     * side file the log copies cut bytes into says nothing of what the segments hold). Empty if no force completed
     * since this file system was made or restarted.
     */
    public OptionalLong lastForceNanos(Path directory) {
        try {
            return steps.locked(() -> disk.lastForceNanos(normalize(directory)));
        } catch (IOException e) {
            throw new AssertionError("reading a map does no I/O", e);
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
        steps.step(FileOperation.CREATE_DIRECTORIES, path, -1, null, (decision, faults, epoch) -> {
            disk.createDirectories(path);
            return null;
        });
    }

    @Override
    public AppendableFile createNew(Path file, byte[] header) throws IOException {
        Path target = normalize(file);
        String temporary = target.getFileName() + ".tmp";
        steps.step(FileOperation.CREATE, target, -1, null, (decision, faults, epoch) -> {
            disk.createTemporary(target, temporary, header, faults);
            return null;
        });
        steps.step(FileOperation.RENAME, target, -1, null, (decision, faults, epoch) -> {
            disk.renameInto(target, temporary, false, faults);
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
        return steps.step(FileOperation.OPEN, path, -1, null,
                (decision, faults, epoch) -> disk.openForAppend(this, path, epoch));
    }

    @Override
    public void replaceAtomically(Path file, byte[] content) throws IOException {
        Path target = normalize(file);
        String temporary = target.getFileName() + ".tmp";
        steps.step(FileOperation.REPLACE, target, -1, null, (decision, faults, epoch) -> {
            disk.replaceTemporary(target, temporary, content, faults);
            return null;
        });
        steps.step(FileOperation.RENAME, target, -1, null, (decision, faults, epoch) -> {
            disk.renameInto(target, temporary, true, faults);
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
        return steps.step(FileOperation.CREATE_FILE, path, -1, null,
                (decision, faults, epoch) -> disk.createFile(this, path, epoch));
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
        steps.step(FileOperation.RENAME, to, -1, null, (decision, faults, epoch) -> {
            disk.rename(from, to, faults);
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
        steps.step(FileOperation.TRUNCATE, path, -1, null, (decision, faults, epoch) -> {
            disk.truncate(path, size, faults);
            return null;
        });
    }

    /**
     * Writes the bytes again (a write: it can fail, and a short write fails it whole; it takes no new space)
     * and forces them (a force: it can fail, losing what was not durable, or lose the power). Once the force
     * completes, the first {@code length} bytes are durable, those a failed force had lost included: writing
     * them again made them dirty again, as on Linux.
     */
    @Override
    public void rewriteInPlace(Path file, long length) throws IOException {
        Path path = normalize(file);
        Inode inode = steps.step(FileOperation.WRITE, path, -1, null, (decision, faults, epoch) -> {
            if (decision.isShortWrite()) {
                throw new IOException("injected short write (#" + decision.nth() + ") rewriting " + path);
            }
            disk.requireLength(path, length);
            return disk.inodeOf(path);
        });
        Runnable lose = () -> inode.forceFailed(length);
        steps.step(FileOperation.FORCE, path, -1, lose, (decision, faults, epoch) -> {
            disk.rewritten(path, length);
            return null;
        });
    }

    @Override
    public void delete(Path file) throws IOException {
        Path path = normalize(file);
        steps.step(FileOperation.DELETE, path, -1, null, (decision, faults, epoch) -> {
            disk.delete(path, faults);
            return null;
        });
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        Path path = normalize(directory);
        steps.step(FileOperation.FORCE_DIRECTORY, path, -1, null, (decision, faults, epoch) -> {
            disk.forceDirectory(path);
            return null;
        });
    }

    /** Appends for {@link SimulatedFile#write}: a short write or a full disk writes part, then throws. */
    void write(SimulatedFile file, ByteBuffer[] buffers) throws IOException {
        steps.step(FileOperation.WRITE, file.path(), file.epoch(), null, (decision, faults, epoch) -> {
            disk.write(file, buffers, decision, faults);
            return null;
        });
    }

    /**
     * Forces for {@link SimulatedFile#force}: the data up to {@code size()} and the real file's length
     * (reserved zeros included) become durable; or, if the force fails, the unforced data is lost.
     */
    void force(SimulatedFile file) throws IOException {
        Runnable lose = () -> file.inode().forceFailed(file.size());
        steps.step(FileOperation.FORCE, file.path(), file.epoch(), lose, (decision, faults, epoch) -> {
            disk.force(file);
            return null;
        });
    }

    /**
     * Reserves for {@link SimulatedFile#reserve}: extends the real file with zeros, sparsely, taking no
     * free space; durable at the next completed force.
     */
    void reserve(SimulatedFile file, long length) throws IOException {
        steps.step(FileOperation.RESERVE, file.path(), file.epoch(), null, (decision, faults, epoch) -> {
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
        steps.step(FileOperation.RELEASE_RESERVED, file.path(), file.epoch(), null, (decision, faults, epoch) -> {
            disk.releaseReserved(file, faults);
            return null;
        });
    }

    /** Durable bytes of data of {@code file} as the simulation sees them: for tests of the simulation. */
    long durableLength(Path file) throws IOException {
        return steps.locked(() -> disk.inodeOf(normalize(file)).durableLength());
    }

    /**
     * The durable length of {@code file} itself, reserved zeros included (at least {@link #durableLength}):
     * for tests of the simulation.
     */
    long durableFileLength(Path file) throws IOException {
        return steps.locked(() -> disk.inodeOf(normalize(file)).durableFileLength());
    }

    private static Path normalize(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
