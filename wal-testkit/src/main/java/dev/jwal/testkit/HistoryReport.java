package dev.jwal.testkit;

import java.util.List;
import java.util.OptionalLong;

/**
 * How a reopened log compares with what was acknowledged: see
 * {@link AcknowledgedHistory#check}.
 *
 * @param acknowledgedRecords    records whose call returned successfully
 * @param requiredRecords        of those, the ones the durability promise says must survive
 * @param recoveredRecords       records the reopened log holds (markers included)
 * @param lostAcknowledged       acknowledged records missing, as the promise allows (e.g. the last
 *                               n - 1 under {@code periodic(n)})
 * @param recoveredUnacknowledged records the reopened log holds from calls that failed or never returned
 * @param checkpointLsn          the reopened log's checkpoint, if any
 * @param violations             what broke the promise, one line each; empty when all is well
 */
public record HistoryReport(int acknowledgedRecords, int requiredRecords, int recoveredRecords,
                            int lostAcknowledged, int recoveredUnacknowledged, OptionalLong checkpointLsn,
                            List<String> violations) {

    /** Copies the violations. */
    public HistoryReport {
        violations = List.copyOf(violations);
    }

    /** Whether the reopened log kept the promise. */
    public boolean ok() {
        return violations.isEmpty();
    }

    /**
     * Returns this report if the promise was kept.
     *
     * @throws AssertionError listing every violation, if not
     */
    public HistoryReport assertOk() {
        return assertOk("");
    }

    /**
     * As {@link #assertOk()}, the error message starting with {@code context} (a seed, a scenario).
     *
     * @throws AssertionError listing every violation, if the promise was broken
     */
    public HistoryReport assertOk(String context) {
        if (!ok()) {
            throw new AssertionError((context.isEmpty() ? "" : context + ": ") + summary() + "\n  "
                    + String.join("\n  ", violations));
        }
        return this;
    }

    /** One line of counts. */
    public String summary() {
        return String.format("%d acknowledged records (%d required to survive), %d recovered, %d acknowledged lost "
                        + "as allowed, %d unacknowledged recovered, checkpoint %s, %d violation(s)",
                acknowledgedRecords, requiredRecords, recoveredRecords, lostAcknowledged, recoveredUnacknowledged,
                checkpointLsn.isPresent() ? String.valueOf(checkpointLsn.getAsLong()) : "none", violations.size());
    }
}
