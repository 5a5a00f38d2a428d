package dev.jwal.api.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Which old segments a log deletes by itself after each checkpoint: at most {@link #maxSegments()} segment
 * files, at most {@link #maxBytes()} bytes of them, none older than {@link #maxAge()}. Each limit is optional;
 * {@link #keepAll()} (the default of {@link WalConfig}) sets none and deletes nothing.
 *
 * <p>Whatever the limits say, a log never deletes by policy:
 * <ul>
 *   <li>a segment holding a record after the last checkpoint (recovery replays it), nor the active segment;</li>
 *   <li>a segment some {@link dev.jwal.api.SegmentListener} has not yet returned normally for;</li>
 *   <li>any segment but the oldest: segments go oldest first, whole, so the log stays contiguous.</li>
 * </ul>
 * So the limits are targets the log meets as far as those rules allow: a log may hold more segments, bytes or
 * older segments than the limits while a checkpoint or a listener holds them. A segment's age is the time since
 * its file was last modified (its last record written, or it was closed). The policy is applied after each
 * {@link dev.jwal.api.WriteAheadLog#checkpoint()} and when the log opens, on the log's maintenance thread (see
 * {@code docs/retention.md}).
 *
 * <p>Immutable and thread safe; made by {@link #keepAll()} or {@link #builder()}.
 */
public final class RetentionPolicy {
    private static final RetentionPolicy KEEP_ALL = new RetentionPolicy(-1, -1, null);

    private final int maxSegments;
    private final long maxBytes;
    private final Duration maxAge;

    private RetentionPolicy(int maxSegments, long maxBytes, Duration maxAge) {
        this.maxSegments = maxSegments;
        this.maxBytes = maxBytes;
        this.maxAge = maxAge;
    }

    /** {@return the policy that deletes nothing: the default} */
    public static RetentionPolicy keepAll() {
        return KEEP_ALL;
    }

    /** {@return a builder with no limit set (a policy that keeps everything until a limit is set)} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the most segment files the log keeps (the active one counts), or empty for no limit} */
    public OptionalInt maxSegments() {
        return maxSegments < 0 ? OptionalInt.empty() : OptionalInt.of(maxSegments);
    }

    /** {@return the most bytes of segment files the log keeps (the active one counts), or empty for no limit} */
    public OptionalLong maxBytes() {
        return maxBytes < 0 ? OptionalLong.empty() : OptionalLong.of(maxBytes);
    }

    /** {@return the age past which a segment is deleted (time since its file was last modified), or empty} */
    public Optional<Duration> maxAge() {
        return Optional.ofNullable(maxAge);
    }

    /** {@return whether no limit is set, so nothing is ever deleted by this policy} */
    public boolean keepsAll() {
        return maxSegments < 0 && maxBytes < 0 && maxAge == null;
    }

    /** Equal when every limit is equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof RetentionPolicy that && maxSegments == that.maxSegments
                && maxBytes == that.maxBytes && Objects.equals(maxAge, that.maxAge);
    }

    /** A hash of the limits. */
    @Override
    public int hashCode() {
        return Objects.hash(maxSegments, maxBytes, maxAge);
    }

    /** The limits set, for logs: {@code RetentionPolicy[maxSegments=10, maxBytes=none, maxAge=PT168H]}. */
    @Override
    public String toString() {
        return "RetentionPolicy[maxSegments=" + (maxSegments < 0 ? "none" : maxSegments)
                + ", maxBytes=" + (maxBytes < 0 ? "none" : maxBytes)
                + ", maxAge=" + (maxAge == null ? "none" : maxAge) + "]";
    }

    /** Builds a {@link RetentionPolicy}; not thread safe. Validation happens in {@link #build()}. */
    public static final class Builder {
        private Integer maxSegments;
        private Long maxBytes;
        private Duration maxAge;

        private Builder() {
        }

        /**
         * Keep at most this many segment files, the active one included; default no limit.
         *
         * @param maxSegments 1 or more
         * @return this builder
         */
        public Builder maxSegments(int maxSegments) {
            this.maxSegments = maxSegments;
            return this;
        }

        /**
         * Keep at most this many bytes of segment files, the active one included; default no limit.
         *
         * @param maxBytes 1 or more
         * @return this builder
         */
        public Builder maxBytes(long maxBytes) {
            this.maxBytes = maxBytes;
            return this;
        }

        /**
         * Delete segments whose file was last modified longer ago than this; default no limit.
         *
         * @param maxAge a positive duration
         * @return this builder
         */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
            return this;
        }

        /**
         * Validates the limits set and makes the policy.
         *
         * @return a new immutable policy ({@link #keepAll()} if no limit was set)
         * @throws IllegalArgumentException if a limit set is not positive, with its value
         */
        public RetentionPolicy build() {
            if (maxSegments != null && maxSegments < 1) {
                throw new IllegalArgumentException("maxSegments must be >= 1, was " + maxSegments);
            }
            if (maxBytes != null && maxBytes < 1) {
                throw new IllegalArgumentException(String.format("maxBytes must be >= 1, was %,d", maxBytes));
            }
            if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
                throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
            }
            if (maxSegments == null && maxBytes == null && maxAge == null) {
                return KEEP_ALL;
            }
            return new RetentionPolicy(maxSegments == null ? -1 : maxSegments, maxBytes == null ? -1 : maxBytes,
                    maxAge);
        }
    }
}
