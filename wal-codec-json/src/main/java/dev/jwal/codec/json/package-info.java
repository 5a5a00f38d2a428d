/**
 * The {@code json} entry codec, {@link dev.jwal.codec.json.JsonEntryCodec}:
 * one entry per payload in the Dakera reference's JSON form (serde's externally
 * tagged enum), so logs move between the reference and jwal in both directions.
 */
package dev.jwal.codec.json;
