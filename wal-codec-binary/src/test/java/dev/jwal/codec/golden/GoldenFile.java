package dev.jwal.codec.golden;

import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.EntryCodec;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The golden file layout: payloads one after another, each preceded by its
 * length as a 4-byte big-endian int; nothing else. Stateless.
 */
final class GoldenFile {
    private GoldenFile() {
    }

    /** Each entry encoded by {@code codec}, length-prefixed, concatenated. */
    static byte[] write(EntryCodec codec, List<WalEntry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (WalEntry entry : entries) {
                byte[] payload = codec.encode(entry);
                out.writeInt(payload.length);
                out.write(payload);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The payloads of a golden file, in order. */
    static List<byte[]> payloads(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file);
        List<byte[]> payloads = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] payload = new byte[in.getInt()];
            in.get(payload);
            payloads.add(payload);
        }
        return payloads;
    }
}
