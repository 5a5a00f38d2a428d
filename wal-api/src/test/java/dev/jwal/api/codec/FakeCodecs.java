package dev.jwal.api.codec;

import dev.jwal.api.WalEntry;
import dev.jwal.api.error.CodecException;

/** Codec providers registered in this module's test META-INF/services: two share a name on purpose. */
final class FakeCodecs {
    private FakeCodecs() {
    }

    abstract static class Named implements EntryCodec {
        private final String name;

        Named(String name) {
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
            return new byte[0];
        }

        @Override
        public WalEntry decode(byte[] payload, int offset, int length) {
            throw new CodecException("fake codec");
        }
    }

    public static final class Alpha extends Named {
        public Alpha() {
            super("alpha");
        }
    }

    public static final class TwinOne extends Named {
        public TwinOne() {
            super("twin");
        }
    }

    public static final class TwinTwo extends Named {
        public TwinTwo() {
            super("twin");
        }
    }
}
