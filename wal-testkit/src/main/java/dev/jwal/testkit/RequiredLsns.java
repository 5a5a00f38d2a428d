package dev.jwal.testkit;

import dev.jwal.api.config.SyncPolicy;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which acknowledged records a {@link DurabilityPromise} says must survive: those written before an
 * acknowledged sync or checkpoint began, those the sync policy covers (every write; under an interval, those
 * acknowledged before the last completed force), and under {@code periodic(n)} all but the last n - 1.
 */
final class RequiredLsns {
    private RequiredLsns() {
    }

    /** The acknowledged LSNs of {@code calls} that {@code promise} says must survive. */
    static Set<Long> of(List<Call> calls, DurabilityPromise promise) {
        Set<Long> required = new HashSet<>();
        List<Call> written = calls.stream().filter(c -> c.acknowledged() && c.writes()).toList();
        long lastSyncStart = Long.MIN_VALUE;
        boolean synced = false;
        for (Call call : calls) {
            if (call.acknowledged() && (call.kind == Call.Kind.SYNC || call.kind == Call.Kind.CHECKPOINT)) {
                lastSyncStart = synced ? Math.max(lastSyncStart, call.startNanos) : call.startNanos;
                synced = true;
            }
        }
        for (Call call : written) {
            boolean covered = call.kind == Call.Kind.CHECKPOINT
                    || (synced && call.ackNanos() - lastSyncStart < 0)
                    || coveredByPolicy(promise, call);
            if (covered) {
                addLsns(required, call);
            }
        }
        if (promise.policy() instanceof SyncPolicy.Periodic periodic) {
            TreeSet<Long> all = new TreeSet<>();
            written.forEach(call -> addLsns(all, call));
            int mayLose = periodic.writes() - 1;
            for (int i = 0; i < mayLose && !all.isEmpty(); i++) {
                all.pollLast();
            }
            required.addAll(all);
        }
        return required;
    }

    private static boolean coveredByPolicy(DurabilityPromise promise, Call call) {
        SyncPolicy policy = promise.policy();
        if (policy instanceof SyncPolicy.EveryWrite) {
            return true;
        }
        if (policy instanceof SyncPolicy.Interval) {
            OptionalLong lastForce = promise.lastForceNanos();
            return lastForce.isPresent() && call.ackNanos() - lastForce.getAsLong() < 0;
        }
        return false;
    }

    private static void addLsns(Set<Long> into, Call call) {
        for (long lsn = call.firstLsn(); lsn <= call.lastLsn(); lsn++) {
            into.add(lsn);
        }
    }
}
