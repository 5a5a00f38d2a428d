package dev.jwal.core.read;

import dev.jwal.api.codec.Codecs;
import dev.jwal.api.codec.EntryCodec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Finds codecs by name once and keeps them; a codec that is missing is an error each time it is asked for. Thread safe. */
public final class CodecResolver {
    private final Map<String, EntryCodec> codecs = new ConcurrentHashMap<>();

    /**
     * @throws dev.jwal.api.error.CodecNotFoundException naming the module to add
     */
    public EntryCodec byName(String name) {
        EntryCodec known = codecs.get(name);
        if (known != null) {
            return known;
        }
        EntryCodec found = Codecs.byName(name);
        codecs.putIfAbsent(name, found);
        return found;
    }
}
