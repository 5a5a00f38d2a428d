package dev.jwal.codec.json;

import dev.jwal.api.codec.DecodeBudget;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.error.CodecException;
import dev.jwal.api.error.EntryRejectedException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code json} codec: each entry as one line of the Dakera reference's JSON
 * (serde's externally tagged enum, compact), e.g.
 * {@code {"Upsert":{"namespace":"a","vectors":[{"id":"v1","values":[1.0,2.0],"metadata":null}]}}}.
 *
 * <p><b>Writing</b> gives the reference's form: fields in declaration order,
 * {@code metadata} always present ({@code null} when absent), checkpoint LSNs
 * and transaction ids as unsigned 64-bit decimals, floats as Jackson's
 * shortest text that reads back to the same 32-bit value (laid out
 * {@code 1.0}, {@code -0.0}, {@code 1.0E-7}, where the reference writes
 * {@code 1e-7}: the same value to any JSON reader; more digits for the one
 * float whose shortest text a double-then-float reader misreads), UTF-8 with only
 * {@code "}, {@code \} and control characters escaped. The payload never
 * holds a line feed or carriage return, so the reference's {@code LSN|JSON}
 * line framing can carry it. Entries JSON or the reference cannot hold exactly
 * are refused with {@link EntryRejectedException}: a NaN or infinite value, or
 * a namespace, id or metadata with an unpaired surrogate; so is an entry that
 * would cost more memory to read back than its {@code DecodeBudget} allows.
 *
 * <p><b>Reading</b> accepts everything the reference accepts (any JSON
 * whitespace, keys in any order, unknown fields, a missing {@code metadata},
 * numbers as integers or with any exponent style, and serde's other form of a
 * struct, an array of its fields in order) and reads numbers to the
 * same float the reference gets (serde_json: a decimal rounds to a 64-bit
 * double first, then to 32 bits). Anything else is a {@link CodecException}
 * saying what is wrong and where, never another runtime exception: invalid
 * UTF-8 or JSON, trailing data, an unknown entry type, a missing, duplicate or
 * mistyped field, a number out of range (including one that overflows a
 * float, which the reference would turn into an infinity and later lose), a
 * record whose vectors and ids would cost more memory than its {@code DecodeBudget}.
 *
 * <p>Thread safe: one instance serves any number of threads. Each encoding
 * thread keeps its own output buffer and Jackson generator ({@link EncodeScratch}),
 * so an encode allocates little beyond the payload it returns.
 */
public final class JsonEntryCodec implements EntryCodec {
    /** The name logs and {@link dev.jwal.api.codec.Codecs#byName(String)} know this codec by. */
    public static final String NAME = "json";

    /** The payload format version; the reference's format is version 1. */
    public static final int FORMAT_VERSION = 1;

    private static final Pattern SOURCE_NOTE = Pattern.compile("\\[Source: [^;\\]]*; ");

    /** Creates the codec; it holds no state, so one instance can be shared. Also the ServiceLoader's constructor. */
    public JsonEntryCodec() {
    }

    /** @return {@value #NAME} */
    @Override
    public String name() {
        return NAME;
    }

    /** @return {@value #FORMAT_VERSION} */
    @Override
    public int formatVersion() {
        return FORMAT_VERSION;
    }

    /** @return true: every payload is one line of UTF-8 text */
    @Override
    public boolean writesSingleLineText() {
        return true;
    }

    /**
     * The entry's JSON as UTF-8 bytes, one line without a line feed: the canonical form, or, for an entry
     * offered by {@link KeptText#appending} on this thread, the input line it was read from.
     *
     * @throws EntryRejectedException if a value is NaN or infinite, or a string is
     *         not valid Unicode (the message names the namespace, the vector id and
     *         the value or character index); nothing is produced then
     * @throws NullPointerException   if {@code entry} is null
     */
    @Override
    public byte[] encode(WalEntry entry) {
        Objects.requireNonNull(entry, "entry");
        Encodability.check(entry);
        byte[] kept = KeptText.take(entry);
        byte[] payload = kept != null ? kept : write(entry);
        DecodeBudget.checkEncodable(entry, payload.length, NAME);
        return payload;
    }

    /**
     * The entry's JSON for a person or a tool to read, not for a log: exactly
     * what {@link #encode} writes for every entry it accepts, and also the
     * entries it refuses, which other codecs (kryo, protobuf) store. A NaN or
     * infinite float value is written as the JSON string {@code "NaN"},
     * {@code "Infinity"} or {@code "-Infinity"} (as Jackson's
     * {@code QUOTE_NON_NUMERIC_NUMBERS} and serde's lenient readers spell
     * them; every NaN is {@code "NaN"}, whatever its payload bits), and an
     * unpaired surrogate as its {@code \}{@code uXXXX} escape. {@link #decode}
     * refuses such values, as the reference does: this is what {@code wal dump}
     * and {@code wal recover} print, not a payload.
     *
     * @throws NullPointerException if {@code entry} is null
     */
    public byte[] encodeForDisplay(WalEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return write(entry);
    }

    private static byte[] write(WalEntry entry) {
        EncodeScratch scratch = EncodeScratch.forThisThread();
        try {
            EntryWriter.write(entry, scratch);
            byte[] payload = scratch.takeBytes();
            if (scratch.oversized(payload.length)) {
                EncodeScratch.discardThisThreads();
            }
            return payload;
        } catch (IOException e) {
            EncodeScratch.discardThisThreads();
            // Writing to memory cannot fail; this would be a bug in the writer.
            throw new IllegalStateException("JSON writer failed on an entry it had accepted: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            EncodeScratch.discardThisThreads(); // its generator may be left inside an object
            throw e;
        }
    }

    /**
     * Reads one entry from {@code length} bytes of {@code payload} starting at
     * {@code offset}: its UTF-8 JSON, optionally surrounded by JSON whitespace.
     *
     * @throws CodecException            if the bytes are not exactly one valid entry; the
     *         message says what is wrong and at which byte (counted from {@code offset})
     * @throws IndexOutOfBoundsException if the range is outside {@code payload}
     * @throws NullPointerException      if {@code payload} is null
     */
    @Override
    public WalEntry decode(byte[] payload, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        Utf8Check.check(payload, offset, length);
        try (JsonParser parser = JsonFactories.FACTORY.createParser(payload, offset, length)) {
            return new EntryReader(parser, new DecodeBudget(length)).readPayload();
        } catch (CodecException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new CodecException("not valid JSON: " + withoutSourceNote(e.getOriginalMessage()) + location(e.getLocation()), e);
        } catch (IOException | RuntimeException e) {
            // Jackson reads from memory; this would be a Jackson bug, still reported as bad input, never leaked.
            throw new CodecException("payload could not be parsed: " + e, e);
        }
    }

    /**
     * Reads one entry from a line of input as {@link #decode} does, and keeps the line's text when it can be
     * stored as the entry's payload as given (see {@link KeptText}): when it holds no carriage return (the
     * lines format cannot hold one) and is at most {@code maxKeptLength} bytes long (a longer text is not
     * kept, so that a line spelling numbers at length is stored in the canonical form, which may fit a
     * record where the text would not). The bytes are not copied: the caller must not change them.
     *
     * @throws CodecException            as {@link #decode}
     * @throws IndexOutOfBoundsException if the range is outside {@code line}
     */
    public DecodedLine decodeLine(byte[] line, int offset, int length, int maxKeptLength) {
        WalEntry entry = decode(line, offset, length);
        if (length > maxKeptLength || holdsCarriageReturn(line, offset, length)) {
            return new DecodedLine(entry, null);
        }
        byte[] text = offset == 0 && length == line.length ? line : Arrays.copyOfRange(line, offset, offset + length);
        return new DecodedLine(entry, text);
    }

    private static boolean holdsCarriageReturn(byte[] bytes, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (bytes[i] == '\r') {
                return true;
            }
        }
        return false;
    }

    /**
     * The entry's JSON as a string, exactly the text {@link #encode} writes:
     * the form the {@code wal} command prints.
     *
     * @throws EntryRejectedException as {@link #encode}
     */
    public String toJson(WalEntry entry) {
        return new String(encode(entry), StandardCharsets.UTF_8);
    }

    /**
     * Reads one entry from JSON text, under the same rules as {@link #decode}:
     * the form the {@code wal} command reads from standard input.
     *
     * @throws CodecException if the text is not exactly one valid entry, or holds an
     *         unpaired surrogate (which UTF-8 cannot carry)
     */
    public WalEntry fromJson(String json) {
        int bad = Text.unpairedSurrogateIndex(json);
        if (bad >= 0) {
            throw new CodecException("text is not valid Unicode: unpaired surrogate " + Text.codeUnit(json.charAt(bad))
                    + " at char index " + bad);
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return decode(bytes, 0, bytes.length);
    }

    @Override
    public String toString() {
        return "JsonEntryCodec[" + NAME + " v" + FORMAT_VERSION + "]";
    }

    /** Jackson's messages may point at "[Source: REDACTED (...); line: 1, column: 5]"; keep only line and column. */
    private static String withoutSourceNote(String message) {
        return message == null ? "" : SOURCE_NOTE.matcher(message).replaceAll("[");
    }

    private static String location(JsonLocation location) {
        return location == null || location.getByteOffset() < 0 ? "" : " (at byte " + location.getByteOffset() + ")";
    }
}
