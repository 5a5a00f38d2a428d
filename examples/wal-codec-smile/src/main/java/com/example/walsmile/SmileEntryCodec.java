package com.example.walsmile;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.error.CodecException;
import dev.jwal.api.error.EntryRejectedException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An example third-party codec, {@code smile}: each entry is a Smile (binary
 * JSON) array {@code [kind, fields...]}, floats as raw 32-bit values, so every
 * bit pattern survives, NaN included.
 *
 * <p>Thread safe: the {@link SmileFactory} is shared, generators and parsers
 * are per call.
 */
public final class SmileEntryCodec implements EntryCodec {
    private static final int UPSERT = 0;
    private static final int DELETE = 1;
    private static final int CREATE_NAMESPACE = 2;
    private static final int DELETE_NAMESPACE = 3;
    private static final int CHECKPOINT = 4;
    private static final int TXN_BEGIN = 5;
    private static final int TXN_COMMIT = 6;
    private static final int TXN_ROLLBACK = 7;

    private final SmileFactory smile = SmileFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(64 * 1024 * 1024).build())
            .build();

    @Override
    public String name() {
        return "smile";
    }

    @Override
    public int formatVersion() {
        return 1;
    }

    @Override
    public boolean writesSingleLineText() {
        return false;
    }

    @Override
    public byte[] encode(WalEntry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (JsonGenerator out = smile.createGenerator(bytes)) {
            out.writeStartArray();
            write(entry, out);
            out.writeEndArray();
        } catch (IOException e) {
            // Smile refuses strings that are not valid Unicode (an unpaired surrogate).
            throw new EntryRejectedException("smile cannot encode " + entry.getClass().getSimpleName() + ": "
                    + e.getMessage());
        }
        return bytes.toByteArray();
    }

    private static void write(WalEntry entry, JsonGenerator out) throws IOException {
        if (entry instanceof WalEntry.Upsert upsert) {
            out.writeNumber(UPSERT);
            out.writeString(upsert.namespace());
            out.writeStartArray();
            for (SerializedVector vector : upsert.vectors()) {
                out.writeString(vector.id());
                out.writeStartArray();
                for (int i = 0; i < vector.dimension(); i++) {
                    out.writeNumber(vector.value(i));
                }
                out.writeEndArray();
                if (vector.metadata() == null) {
                    out.writeNull();
                } else {
                    out.writeString(vector.metadata());
                }
            }
            out.writeEndArray();
        } else if (entry instanceof WalEntry.Delete delete) {
            out.writeNumber(DELETE);
            out.writeString(delete.namespace());
            out.writeStartArray();
            for (String id : delete.ids()) {
                out.writeString(id);
            }
            out.writeEndArray();
        } else if (entry instanceof WalEntry.CreateNamespace create) {
            out.writeNumber(CREATE_NAMESPACE);
            out.writeString(create.namespace());
        } else if (entry instanceof WalEntry.DeleteNamespace drop) {
            out.writeNumber(DELETE_NAMESPACE);
            out.writeString(drop.namespace());
        } else if (entry instanceof WalEntry.Checkpoint checkpoint) {
            out.writeNumber(CHECKPOINT);
            out.writeNumber(checkpoint.lsn());
        } else if (entry instanceof WalEntry.TxnBegin begin) {
            out.writeNumber(TXN_BEGIN);
            out.writeNumber(begin.txnId());
        } else if (entry instanceof WalEntry.TxnCommit commit) {
            out.writeNumber(TXN_COMMIT);
            out.writeNumber(commit.txnId());
        } else if (entry instanceof WalEntry.TxnRollback rollback) {
            out.writeNumber(TXN_ROLLBACK);
            out.writeNumber(rollback.txnId());
        }
    }

    @Override
    public WalEntry decode(byte[] payload, int offset, int length) {
        try (JsonParser in = smile.createParser(payload, offset, length)) {
            expect(in, JsonToken.START_ARRAY);
            WalEntry entry = read(in);
            expect(in, JsonToken.END_ARRAY);
            if (in.nextToken() != null) {
                throw new CodecException("trailing bytes after the entry");
            }
            return entry;
        } catch (IOException | RuntimeException e) {
            if (e instanceof CodecException codecException) {
                throw codecException;
            }
            throw new CodecException("not a smile entry: " + e.getMessage(), e);
        }
    }

    private static WalEntry read(JsonParser in) throws IOException {
        expect(in, JsonToken.VALUE_NUMBER_INT);
        int kind = in.getIntValue();
        return switch (kind) {
            case UPSERT -> new WalEntry.Upsert(text(in), vectors(in));
            case DELETE -> new WalEntry.Delete(text(in), strings(in));
            case CREATE_NAMESPACE -> new WalEntry.CreateNamespace(text(in));
            case DELETE_NAMESPACE -> new WalEntry.DeleteNamespace(text(in));
            case CHECKPOINT -> new WalEntry.Checkpoint(number(in));
            case TXN_BEGIN -> new WalEntry.TxnBegin(number(in));
            case TXN_COMMIT -> new WalEntry.TxnCommit(number(in));
            case TXN_ROLLBACK -> new WalEntry.TxnRollback(number(in));
            default -> throw new CodecException("unknown entry kind " + kind);
        };
    }

    private static List<SerializedVector> vectors(JsonParser in) throws IOException {
        expect(in, JsonToken.START_ARRAY);
        List<SerializedVector> vectors = new ArrayList<>();
        // One scratch array for the whole entry: each vector then allocates only its own values.
        float[] values = new float[8];
        while (in.nextToken() != JsonToken.END_ARRAY) {
            String id = current(in, JsonToken.VALUE_STRING).getText();
            expect(in, JsonToken.START_ARRAY);
            int count = 0;
            while (in.nextToken() != JsonToken.END_ARRAY) {
                current(in, JsonToken.VALUE_NUMBER_FLOAT);
                if (count == values.length) {
                    values = java.util.Arrays.copyOf(values, count * 2);
                }
                values[count++] = in.getFloatValue();
            }
            JsonToken metadata = in.nextToken();
            String text = metadata == JsonToken.VALUE_NULL ? null : current(in, JsonToken.VALUE_STRING).getText();
            vectors.add(new SerializedVector(id, java.util.Arrays.copyOf(values, count), text));
        }
        return vectors;
    }

    private static List<String> strings(JsonParser in) throws IOException {
        expect(in, JsonToken.START_ARRAY);
        List<String> strings = new ArrayList<>();
        while (in.nextToken() != JsonToken.END_ARRAY) {
            strings.add(current(in, JsonToken.VALUE_STRING).getText());
        }
        return strings;
    }

    private static String text(JsonParser in) throws IOException {
        expect(in, JsonToken.VALUE_STRING);
        return in.getText();
    }

    private static long number(JsonParser in) throws IOException {
        expect(in, JsonToken.VALUE_NUMBER_INT);
        if (in.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return in.getBigIntegerValue().longValue();
        }
        return in.getLongValue();
    }

    private static void expect(JsonParser in, JsonToken token) throws IOException {
        in.nextToken();
        current(in, token);
    }

    private static JsonParser current(JsonParser in, JsonToken token) {
        if (in.currentToken() != token) {
            throw new CodecException("expected " + token + " but found " + in.currentToken());
        }
        return in;
    }
}
