package dev.jwal.codec.tck;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.EntryCodec;
import dev.jwal.api.error.CodecException;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal correct codec ({@code tck-reference}) that proves the kit can be
 * passed: a tag byte, then big-endian fields; strings as a char count and
 * UTF-16 chars (so unpaired surrogates survive), floats as raw bits. Every
 * count is checked against the bytes left before anything is allocated.
 * {@link BrokenCodecs} subclass it with one defect each.
 */
public class ReferenceCodec implements EntryCodec {
    private final String name;

    public ReferenceCodec() {
        this("tck-reference");
    }

    ReferenceCodec(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(entry, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return finish(bytes.toByteArray());
    }

    private void write(WalEntry entry, DataOutputStream out) throws IOException {
        if (entry instanceof WalEntry.Upsert upsert) {
            out.writeByte(1);
            string(upsert.namespace(), out);
            out.writeInt(upsert.vectors().size());
            for (SerializedVector vector : upsert.vectors()) {
                string(vector.id(), out);
                out.writeInt(vector.dimension());
                for (int i = 0; i < vector.dimension(); i++) {
                    out.writeInt(floatBits(vector.value(i)));
                }
                String metadata = metadataToWrite(vector.metadata());
                out.writeByte(metadata == null ? 0 : 1);
                if (metadata != null) {
                    string(metadata, out);
                }
            }
        } else if (entry instanceof WalEntry.Delete delete) {
            out.writeByte(2);
            string(delete.namespace(), out);
            out.writeInt(delete.ids().size());
            for (String id : delete.ids()) {
                string(id, out);
            }
        } else if (entry instanceof WalEntry.CreateNamespace create) {
            out.writeByte(3);
            string(create.namespace(), out);
        } else if (entry instanceof WalEntry.DeleteNamespace drop) {
            out.writeByte(4);
            string(drop.namespace(), out);
        } else if (entry instanceof WalEntry.Checkpoint checkpoint) {
            out.writeByte(5);
            out.writeLong(checkpoint.lsn());
        } else if (entry instanceof WalEntry.TxnBegin begin) {
            out.writeByte(6);
            out.writeLong(begin.txnId());
        } else if (entry instanceof WalEntry.TxnCommit commit) {
            out.writeByte(7);
            out.writeLong(commit.txnId());
        } else if (entry instanceof WalEntry.TxnRollback rollback) {
            out.writeByte(8);
            out.writeLong(rollback.txnId());
        }
    }

    private static void string(String text, DataOutputStream out) throws IOException {
        out.writeInt(text.length());
        out.writeChars(text);
    }

    @Override
    public WalEntry decode(byte[] payload, int offset, int length) {
        ByteBuffer in = ByteBuffer.wrap(payload, offset, length);
        try {
            WalEntry entry = read(in);
            if (in.hasRemaining() && !ignoresTrailingBytes()) {
                throw new CodecException(in.remaining() + " bytes after the entry");
            }
            return entry;
        } catch (BufferUnderflowException e) {
            if (leaksExceptions()) {
                throw e;
            }
            throw new CodecException("payload ends early", e);
        }
    }

    private WalEntry read(ByteBuffer in) {
        byte tag = in.get();
        switch (tag) {
            case 1: {
                String namespace = string(in);
                int count = count(in, 5);
                List<SerializedVector> vectors = new ArrayList<>(count);
                for (int v = 0; v < count; v++) {
                    String id = string(in);
                    float[] values = new float[trustsLengths() ? Math.min(in.getInt(), 1 << 26) : count(in, 4)];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = Float.intBitsToFloat(in.getInt());
                    }
                    byte hasMetadata = in.get();
                    if (hasMetadata != 0 && hasMetadata != 1) {
                        throw new CodecException("metadata flag " + hasMetadata);
                    }
                    vectors.add(new SerializedVector(id, values, hasMetadata == 1 ? string(in) : null));
                }
                return new WalEntry.Upsert(namespace, vectors);
            }
            case 2: {
                String namespace = string(in);
                int count = count(in, 4);
                List<String> ids = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    ids.add(string(in));
                }
                return new WalEntry.Delete(namespace, ids);
            }
            case 3:
                return new WalEntry.CreateNamespace(string(in));
            case 4:
                return new WalEntry.DeleteNamespace(string(in));
            case 5:
                return new WalEntry.Checkpoint(in.getLong());
            case 6:
                return new WalEntry.TxnBegin(in.getLong());
            case 7:
                return new WalEntry.TxnCommit(in.getLong());
            case 8:
                return new WalEntry.TxnRollback(in.getLong());
            default:
                throw new CodecException("unknown entry tag " + tag);
        }
    }

    /** A count of items of at least {@code minBytes} each, checked against the bytes left. */
    private static int count(ByteBuffer in, int minBytes) {
        int count = in.getInt();
        if (count < 0 || (long) count * minBytes > in.remaining()) {
            throw new CodecException("count " + count + " does not fit in the " + in.remaining() + " bytes left");
        }
        return count;
    }

    private static String string(ByteBuffer in) {
        char[] chars = new char[count(in, 2)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = in.getChar();
        }
        return new String(chars);
    }

    // Defects for BrokenCodecs: each returns the correct behaviour here.

    int floatBits(float value) {
        return Float.floatToRawIntBits(value);
    }

    String metadataToWrite(String metadata) {
        return metadata;
    }

    byte[] finish(byte[] payload) {
        return payload;
    }

    boolean ignoresTrailingBytes() {
        return false;
    }

    boolean leaksExceptions() {
        return false;
    }

    boolean trustsLengths() {
        return false;
    }
}
