/**
 * The log's data model ({@link dev.jwal.api.WalEntry}, {@link dev.jwal.api.SerializedVector},
 * {@link dev.jwal.api.LogRecord}) and its interface, {@link dev.jwal.api.WriteAheadLog}.
 *
 * <p><b>Thread safety.</b> The value types here (the entries, vectors, records, ranges, problems and
 * statistics) are immutable and may be shared between threads freely. A {@link dev.jwal.api.WriteAheadLog}
 * is thread safe; a {@link dev.jwal.api.RecordCursor} belongs to one thread at a time.
 *
 * <p><b>Errors.</b> Every exception jwal throws is unchecked and extends
 * {@link dev.jwal.api.error.WalException}; each method names the ones it throws.
 */
package dev.jwal.api;
