package dev.jwal.storage;

import java.util.UUID;

/**
 * What a verified snapshot's header says ({@link SnapshotFormat}).
 *
 * @param version     the format version, 1 or 2
 * @param replayFrom  N: the first LSN the snapshot does not reflect
 * @param logIdentity the identity of the log it was taken of ({@link LogIdentity}), or null for version 1,
 *                    which names none
 */
record SnapshotHeader(short version, long replayFrom, UUID logIdentity) {

    /** The bytes before the first namespace. */
    int size() {
        return SnapshotFormat.headerSize(version);
    }

    /** Whether it was taken of the log named {@code identity}; a version 1 snapshot names none, so it may be. */
    boolean mayBelongTo(UUID identity) {
        return logIdentity == null || logIdentity.equals(identity);
    }
}
