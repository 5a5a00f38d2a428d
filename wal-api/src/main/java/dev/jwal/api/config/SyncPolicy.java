package dev.jwal.api.config;

import java.time.Duration;
import java.util.Objects;

/**
 * When appended entries are forced to stable storage ({@code FileChannel.force}).
 *
 * <table>
 *   <caption>What a crash can lose under each policy</caption>
 *   <tr><th>policy</th><th>process crash (kill -9)</th><th>power loss or kernel crash</th></tr>
 *   <tr><td>{@link EveryWrite}</td><td>nothing acknowledged</td><td>nothing acknowledged</td></tr>
 *   <tr><td>{@link Periodic}(n)</td><td>nothing acknowledged</td><td>up to the last n-1 entries</td></tr>
 *   <tr><td>{@link Interval}(d)</td><td>nothing acknowledged</td><td>up to d of entries</td></tr>
 *   <tr><td>{@link Manual}</td><td>nothing acknowledged</td><td>everything since the last {@code sync()}</td></tr>
 * </table>
 * Every policy hands each entry to the kernel before {@code append} returns, so
 * a process crash alone loses nothing that was acknowledged.
 */
public sealed interface SyncPolicy {

    /** Force before every {@code append} returns; concurrent appenders share one force (group commit). */
    record EveryWrite() implements SyncPolicy {
        @Override
        public String toString() {
            return "every-write";
        }
    }

    /**
     * Force after every {@code writes} appended entries.
     *
     * @param writes entries per force, 1 or more
     */
    record Periodic(int writes) implements SyncPolicy {
        /**
         * Checks the count.
         *
         * @param writes entries per force
         * @throws IllegalArgumentException if {@code writes} is below 1
         */
        public Periodic {
            if (writes < 1) {
                throw new IllegalArgumentException("periodic sync needs at least 1 write per sync, was " + writes);
            }
        }

        @Override
        public String toString() {
            return "periodic:" + writes;
        }
    }

    /**
     * Force from a background thread every {@code interval}, when something was appended.
     * The interval is a whole number of milliseconds from {@link #MIN} to {@link #MAX}, so that
     * {@link #toString()} ({@code interval:MS}) and {@link SyncPolicy#parse(String)} give back every
     * accepted value.
     *
     * @param interval the time between forces, whole milliseconds from {@link #MIN} to {@link #MAX}
     */
    record Interval(Duration interval) implements SyncPolicy {
        /** The shortest interval: 1 ms (a shorter one would keep the sync thread spinning on an idle log). */
        public static final Duration MIN = Duration.ofMillis(1);
        /** The longest interval: about 292 years, the most whole milliseconds a count of nanoseconds holds. */
        public static final Duration MAX = Duration.ofMillis(Long.MAX_VALUE / 1_000_000);

        /**
         * Checks the interval.
         *
         * @param interval the time between forces
         * @throws NullPointerException     if {@code interval} is null
         * @throws IllegalArgumentException if the interval is under {@link #MIN}, over {@link #MAX} or not a
         *         whole number of milliseconds
         */
        public Interval {
            Objects.requireNonNull(interval, "interval");
            if (interval.compareTo(MIN) < 0) {
                throw new IllegalArgumentException("sync interval must be at least 1 ms, was " + interval);
            }
            if (interval.compareTo(MAX) > 0) {
                throw new IllegalArgumentException("sync interval must be at most " + MAX.toMillis()
                        + " ms (about 292 years), was " + interval);
            }
            if (interval.getNano() % 1_000_000 != 0) {
                throw new IllegalArgumentException("sync interval must be a whole number of milliseconds, was "
                        + interval);
            }
        }

        @Override
        public String toString() {
            return "interval:" + interval.toMillis();
        }
    }

    /** Force only on {@code sync()}, {@code checkpoint()} and {@code close()}. */
    record Manual() implements SyncPolicy {
        @Override
        public String toString() {
            return "manual";
        }
    }

    /**
     * Force before every append returns.
     *
     * @return the {@link EveryWrite} policy
     */
    static SyncPolicy everyWrite() {
        return new EveryWrite();
    }

    /**
     * Force after every {@code writes} entries.
     *
     * @param writes entries per force, 1 or more
     * @return a {@link Periodic} policy
     * @throws IllegalArgumentException if {@code writes} is below 1
     */
    static SyncPolicy periodic(int writes) {
        return new Periodic(writes);
    }

    /**
     * Force every {@code interval} from a background thread.
     *
     * @param interval the time between forces, whole milliseconds from {@link Interval#MIN} to
     *                 {@link Interval#MAX}
     * @return an {@link Interval} policy
     * @throws IllegalArgumentException as {@link Interval#Interval(Duration)}
     * @throws NullPointerException     if {@code interval} is null
     */
    static SyncPolicy interval(Duration interval) {
        return new Interval(interval);
    }

    /**
     * Force only when told.
     *
     * @return the {@link Manual} policy
     */
    static SyncPolicy manual() {
        return new Manual();
    }

    /**
     * Parses the command-line form: {@code every-write}, {@code periodic:N},
     * {@code interval:MS} or {@code manual}; each policy's {@link Object#toString() toString()} gives it back.
     *
     * @param text the command-line form
     * @return the policy it names
     * @throws IllegalArgumentException naming the accepted forms, or the policy's own range error
     * @throws NullPointerException     if {@code text} is null
     */
    static SyncPolicy parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            if (text.equals("every-write")) {
                return everyWrite();
            }
            if (text.equals("manual")) {
                return manual();
            }
            if (text.startsWith("periodic:")) {
                return periodic(Integer.parseInt(text.substring("periodic:".length())));
            }
            if (text.startsWith("interval:")) {
                return interval(Duration.ofMillis(Long.parseLong(text.substring("interval:".length()))));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid number in sync policy '" + text + "'", e);
        }
        throw new IllegalArgumentException("unknown sync policy '" + text
                + "'; expected every-write, periodic:N, interval:MS or manual");
    }
}
