/**
 * The log's data model ({@link dev.jwal.api.WalEntry}, {@link dev.jwal.api.SerializedVector},
 * {@link dev.jwal.api.LogRecord}) and its interface, {@link dev.jwal.api.WriteAheadLog}.
 */
package dev.jwal.api;
