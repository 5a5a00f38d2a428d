package dev.jwal.storage;

import dev.jwal.api.SerializedVector;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a storage acknowledged since it was (re)opened, as the model's state after each acknowledged
 * operation, and what a crash may therefore leave: the state after every acknowledged operation the sync
 * policy made durable, after any later acknowledged one, or after the operation in flight, and nothing
 * else. Operations are whole (a transaction is one), so a recovered store must equal one of those states
 * exactly: no acknowledged operation lost beyond the promise, none applied in part, nothing that was never
 * applied. Not thread safe.
 */
final class AcknowledgedStates {
    /** {@code states.get(k)}: the model after the first k acknowledged operations. */
    private final List<StoreModel> states = new ArrayList<>();
    private final List<Op> acknowledged = new ArrayList<>();
    private int durable;
    private Op inFlight;

    /** Starts from {@code recovered}, durable as a reopened store is. */
    AcknowledgedStates(StoreModel recovered) {
        states.add(recovered.copy());
    }

    /** The model after every acknowledged operation. */
    StoreModel current() {
        return states.get(states.size() - 1);
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    /**
     * {@code op} returned normally.
     *
     * @param durableNow whether the sync policy made it durable before it returned (every-write), which makes
     *                   every operation acknowledged before it durable too
     */
    void acknowledge(Op op, boolean durableNow) {
        StoreModel next = current().copy();
        Class<? extends StorageException> refusal = next.apply(op);
        if (refusal != null) {
            throw new IllegalStateException("the workload made an invalid operation (" + refusal.getSimpleName()
                    + "): " + op);
        }
        states.add(next);
        acknowledged.add(op);
        inFlight = null;
        if (durableNow || op instanceof Op.Checkpoint) {
            // A checkpoint forces the log before its snapshot claims anything: all before it is durable.
            durable = acknowledged.size();
        }
    }

    /** {@code op} was running when the crash came (or failed): it may or may not be there afterwards. */
    void inFlight(Op op) {
        inFlight = op;
    }

    Op inFlightOp() {
        return inFlight;
    }

    /**
     * Asserts that {@code recovered} is a state a crash may leave.
     *
     * @param processCrash whether the crash was of the process only ({@code kill -9}), which loses nothing
     *                     acknowledged whatever the sync policy: written bytes are in the kernel's hands
     * @return how many acknowledged operations it reflects ({@link #acknowledgedCount()} + 1 for the
     *         operation in flight)
     */
    int check(SortedMap<String, SortedMap<String, SerializedVector>> recovered, boolean processCrash,
              String context) {
        int promised = processCrash ? acknowledged.size() : durable;
        for (int k = acknowledged.size(); k >= promised; k--) {
            if (states.get(k).contents().equals(recovered)) {
                return k;
            }
        }
        if (inFlight != null) {
            StoreModel withInFlight = current().copy();
            if (withInFlight.apply(inFlight) == null && withInFlight.contents().equals(recovered)) {
                return acknowledged.size() + 1;
            }
        }
        assertThat(recovered).as("%s: the reopened store is not the state after the %d acknowledged operations "
                        + "(%d of them promised to survive this crash), nor after fewer down to the promised ones, nor "
                        + "with the operation in flight (%s); acknowledged: %s", context, acknowledged.size(), promised,
                inFlight, acknowledged)
                .isEqualTo(current().contents());
        throw new AssertionError("unreachable");
    }
}
