package dev.jwal.core.write;

/**
 * What the writer tells whoever forces, without knowing who that is: {@link GroupCommit} listens. Called
 * under the writer's lock, so implementations must not block on it. Thread safe.
 */
interface WriteEvents {

    /** Enough unforced bytes piled up in the active segment that a force ahead of time is due (write-back). */
    void writeBackDue();

    /** Rotation forced the full segment: every record up to {@code lsn} is durable. */
    void forcedByRotation(long lsn);
}
