package dev.jwal.core;

import dev.jwal.api.LogProblem;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.LogRecord;
import dev.jwal.core.read.PlacedCursor;
import dev.jwal.core.read.ProblemReporter;
import dev.jwal.core.read.RecoveryCursor;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What recovery replays from any stream of records, by the same transaction rules as a log directory's recovery
 * (docs/recovery.md): the data entries not inside a transaction that is rolled back or never committed, markers
 * left out. For logs kept elsewhere than in a directory (wal-bookkeeper), so they never copy those rules.
 */
public final class CommittedRecords {

    private CommittedRecords() {
    }

    /**
     * The committed data entries of {@code records}.
     *
     * @param records   every record after the checkpoint, markers included, in LSN order; closed with the result
     * @param place     where the record just returned by {@code records} is kept, for problem reports
     * @param offset    its offset there
     * @param readAhead opens a cursor over the same log from an LSN, to learn whether a transaction commits
     * @param problems  told of markers naming no open transaction (also logged at WARN); may be null
     * @return the records to replay, to be closed by the caller; not thread safe
     */
    public static RecordCursor of(RecordCursor records, Supplier<Path> place, LongSupplier offset,
                                  LongFunction<RecordCursor> readAhead, Consumer<LogProblem> problems) {
        Consumer<LogProblem> listener = problems != null ? problems : problem -> { };
        return new RecoveryCursor(new Placed(records, place, offset), readAhead, new ProblemReporter(listener));
    }

    private record Placed(RecordCursor records, Supplier<Path> place, LongSupplier offset) implements PlacedCursor {
        @Override
        public Path currentPlace() {
            return place.get();
        }

        @Override
        public long currentOffset() {
            return offset.getAsLong();
        }

        @Override
        public boolean hasNext() {
            return records.hasNext();
        }

        @Override
        public LogRecord next() {
            return records.next();
        }

        @Override
        public void close() {
            records.close();
        }
    }
}
