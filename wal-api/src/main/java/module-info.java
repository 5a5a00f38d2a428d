/**
 * The jwal API: entry types, the codec SPI, configuration, exceptions and the
 * {@link dev.jwal.api.WriteAheadLog} interface. Depends on nothing but the JDK.
 */
module dev.jwal.api {
    exports dev.jwal.api;
    exports dev.jwal.api.codec;
    exports dev.jwal.api.config;
    exports dev.jwal.api.error;

    uses dev.jwal.api.codec.EntryCodec;
}
