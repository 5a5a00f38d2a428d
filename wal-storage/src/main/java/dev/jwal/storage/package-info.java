/**
 * Vector storage on top of the write-ahead log.
 *
 * <ul>
 *   <li>{@link dev.jwal.storage.VectorStorage}: the store SPI (namespaces of vectors);</li>
 *   <li>{@link dev.jwal.storage.InMemoryVectorStorage}: the thread-safe in-memory store, the embedded default;</li>
 *   <li>{@link dev.jwal.storage.WalStorage}: wraps any store so that every mutation is logged first, with
 *       snapshots, automatic checkpoints and all-or-nothing {@linkplain dev.jwal.storage.Transaction transactions};</li>
 *   <li>{@link dev.jwal.storage.StorageException} and its subclasses: what invalid operations and failed
 *       restores throw.</li>
 * </ul>
 */
package dev.jwal.storage;
