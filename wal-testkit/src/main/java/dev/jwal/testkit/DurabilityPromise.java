package dev.jwal.testkit;

import dev.jwal.api.config.SyncPolicy;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Which acknowledged records a power loss may not take, as jwal's README
 * promises for each sync policy. Whatever the policy, a record acknowledged
 * before a {@code sync()} or {@code checkpoint()} that returned is covered, and
 * so is every acknowledged checkpoint. Beyond that:
 * <ul>
 *   <li>{@code every-write}: every acknowledged record;</li>
 *   <li>{@code periodic(n)}: every acknowledged record but the last n - 1 (by LSN);</li>
 *   <li>{@code interval(d)}: every record acknowledged before the last completed force of the log
 *       began (known from the {@link SimulatedFileSystem});</li>
 *   <li>{@code manual}: nothing more.</li>
 * </ul>
 */
public final class DurabilityPromise {
    private final SyncPolicy policy;
    private final OptionalLong lastForceNanos;

    private DurabilityPromise(SyncPolicy policy, OptionalLong lastForceNanos) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.lastForceNanos = lastForceNanos;
    }

    /**
     * The promise of {@code policy}. For {@code interval} only {@code sync()} and {@code checkpoint()}
     * count, since the background forces are not known: prefer {@link #of(SyncPolicy, SimulatedFileSystem, Path)}.
     */
    public static DurabilityPromise of(SyncPolicy policy) {
        return new DurabilityPromise(policy, OptionalLong.empty());
    }

    /**
     * The promise of {@code policy} for the log in {@code directory} written through {@code fs}, whose
     * last completed force tells what an {@code interval} policy made durable. Take it after the power
     * loss and before reopening through {@code fs}.
     */
    public static DurabilityPromise of(SyncPolicy policy, SimulatedFileSystem fs, Path directory) {
        return new DurabilityPromise(policy, fs.lastForceNanos(directory));
    }

    SyncPolicy policy() {
        return policy;
    }

    /** When the last completed force of the log began, if known. */
    OptionalLong lastForceNanos() {
        return lastForceNanos;
    }

    @Override
    public String toString() {
        return "DurabilityPromise[" + policy + "]";
    }
}
