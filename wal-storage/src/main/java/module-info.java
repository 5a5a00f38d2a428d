/**
 * A vector store whose every mutation survives a crash: the {@link dev.jwal.storage.VectorStorage} SPI,
 * the thread-safe {@link dev.jwal.storage.InMemoryVectorStorage}, and {@link dev.jwal.storage.WalStorage},
 * which writes each mutation to the write-ahead log before applying it and keeps checksummed snapshots.
 */
module dev.jwal.storage {
    requires transitive dev.jwal.core;
    requires org.slf4j;

    exports dev.jwal.storage;
}
