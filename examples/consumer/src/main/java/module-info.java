/**
 * An application using jwal on the module path. It requires the engine only: the codecs are
 * found by service binding, because dev.jwal.api and dev.jwal.core declare
 * {@code uses dev.jwal.api.codec.EntryCodec}.
 */
module com.example.walconsumer {
    requires dev.jwal.core;
}
