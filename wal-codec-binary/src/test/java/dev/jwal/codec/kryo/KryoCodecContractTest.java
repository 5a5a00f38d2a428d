package dev.jwal.codec.kryo;

import dev.jwal.codec.tck.EntryCodecContract;

/** The kryo codec passes the codec test kit. */
class KryoCodecContractTest extends EntryCodecContract {
    @Override
    protected String codecName() {
        return KryoEntryCodec.NAME;
    }

    /** Kryo's string encoding holds any Java string, unpaired surrogates included. */
    @Override
    protected boolean supportsUnpairedSurrogates() {
        return true;
    }
}
