package dev.jwal.codec.json;

import dev.jwal.codec.tck.EntryCodecContract;

/** The json codec passes the codec test kit; JSON cannot hold NaN or infinities, so it must refuse them. */
class JsonCodecContractTest extends EntryCodecContract {
    @Override
    protected String codecName() {
        return "json";
    }

    @Override
    protected boolean supportsNonFiniteFloats() {
        return false;
    }
}
