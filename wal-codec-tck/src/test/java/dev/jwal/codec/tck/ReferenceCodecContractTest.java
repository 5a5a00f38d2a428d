package dev.jwal.codec.tck;

/** The kit can be passed: a correct codec passes every test. */
class ReferenceCodecContractTest extends EntryCodecContract {
    @Override
    protected String codecName() {
        return "tck-reference";
    }

    @Override
    protected boolean supportsUnpairedSurrogates() {
        return true;
    }
}
