package dev.jwal.codec.protobuf;

import dev.jwal.codec.tck.EntryCodecContract;

/**
 * The protobuf codec passes the codec test kit. It holds NaN and infinities
 * exactly (the default), and refuses unpaired surrogates (the default).
 */
class ProtobufCodecContractTest extends EntryCodecContract {
    @Override
    protected String codecName() {
        return ProtobufEntryCodec.NAME;
    }
}
