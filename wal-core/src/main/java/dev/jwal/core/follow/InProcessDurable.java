package dev.jwal.core.follow;

import dev.jwal.api.error.WalException;
import dev.jwal.api.error.WalFailedException;
import dev.jwal.core.write.DurableSignal;

import java.util.function.BooleanSupplier;

/**
 * The durable LSN of a log open in this process, straight from its writer: exact, and waited for on the
 * writer's condition, woken by every force. Thread safe.
 */
final class InProcessDurable implements DurableSource {
    private final DurableSignal signal;
    private final String log;

    InProcessDurable(DurableSignal signal, String log) {
        this.signal = signal;
        this.log = log;
    }

    @Override
    public long durableLsn() {
        return signal.durableLsn();
    }

    @Override
    public End end() {
        if (!signal.ended()) {
            return null;
        }
        WalException failure = signal.failure();
        return failure == null ? End.CLOSED : new End(new WalFailedException(log
                + " failed: no record after LSN " + signal.durableLsn() + " will become durable ("
                + failure.getMessage() + "); reopen it to go on", failure));
    }

    @Override
    public void await(long lsn, long nanos, BooleanSupplier cancelled) throws InterruptedException {
        signal.awaitPast(lsn, nanos, cancelled);
    }

    @Override
    public void wakeUp() {
        signal.wakeAll();
    }
}
