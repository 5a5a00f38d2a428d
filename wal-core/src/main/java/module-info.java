/**
 * The jwal engine: segment files, framing, LSN assignment, sync policies,
 * checkpoints, recovery and truncation. {@code dev.jwal.core} is the API,
 * {@code dev.jwal.core.io} the file-system seam for fault injection; the other
 * packages are internals.
 */
module dev.jwal.core {
    requires transitive dev.jwal.api;
    requires org.slf4j;
    // sun.misc.Unsafe.invokeCleaner: unmapping a mapped segment when it is closed (io.MappedRoom).
    requires jdk.unsupported;

    exports dev.jwal.core;
    exports dev.jwal.core.io;

    uses dev.jwal.api.codec.EntryCodec;
}
