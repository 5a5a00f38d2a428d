package com.example.walsmile;

import dev.jwal.codec.tck.EntryCodecContract;

/** The example codec passes the codec test kit: all a third party needs to write. */
class SmileCodecContractTest extends EntryCodecContract {
    @Override
    protected String codecName() {
        return "smile";
    }
}
