package dev.jwal.codec.tck;

import java.util.concurrent.atomic.AtomicInteger;

/** Codecs with one defect each, which the kit must catch (see {@link KitCatchesBrokenCodecsTest}). */
final class BrokenCodecs {
    private BrokenCodecs() {
    }

    /** Writes -0.0 as 0.0. */
    public static final class LosesNegativeZero extends ReferenceCodec {
        public LosesNegativeZero() {
            super("tck-broken-zero");
        }

        @Override
        int floatBits(float value) {
            return value == 0.0f ? 0 : Float.floatToRawIntBits(value);
        }
    }

    /** Writes every NaN as the canonical NaN. */
    public static final class CanonicalizesNaN extends ReferenceCodec {
        public CanonicalizesNaN() {
            super("tck-broken-nan");
        }

        @Override
        int floatBits(float value) {
            return Float.floatToIntBits(value);
        }
    }

    /** Writes empty metadata as no metadata. */
    public static final class DropsEmptyMetadata extends ReferenceCodec {
        public DropsEmptyMetadata() {
            super("tck-broken-metadata");
        }

        @Override
        String metadataToWrite(String metadata) {
            return metadata == null || metadata.isEmpty() ? null : metadata;
        }
    }

    /** Appends a counter byte that decoding ignores: the same entry gives different bytes. */
    public static final class NotDeterministic extends ReferenceCodec {
        private final AtomicInteger counter = new AtomicInteger();

        public NotDeterministic() {
            super("tck-broken-nondeterministic");
        }

        @Override
        byte[] finish(byte[] payload) {
            byte[] longer = java.util.Arrays.copyOf(payload, payload.length + 1);
            longer[payload.length] = (byte) counter.incrementAndGet();
            return longer;
        }

        @Override
        boolean ignoresTrailingBytes() {
            return true;
        }
    }

    /** Lets BufferUnderflowException out of decode. */
    public static final class LeaksExceptions extends ReferenceCodec {
        public LeaksExceptions() {
            super("tck-broken-leaky");
        }

        @Override
        boolean leaksExceptions() {
            return true;
        }
    }

    /** Allocates a vector's values from the length it reads, before checking it (up to 256 MiB). */
    public static final class TrustsLengths extends ReferenceCodec {
        public TrustsLengths() {
            super("tck-broken-trusting");
        }

        @Override
        boolean trustsLengths() {
            return true;
        }
    }
}
