package dev.jwal.core.fuzz;

import dev.jwal.api.LogRecord;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.WalException;
import dev.jwal.core.LogConverter;
import dev.jwal.core.LogInspector;
import dev.jwal.core.TestLogs;
import dev.jwal.core.LogRepair;
import dev.jwal.core.Wal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the fuzz test does to a crafted log directory, each time in a fresh copy. The read-only operations use
 * the case's recovery mode; {@link #READ_SKIP_CORRUPT} runs first and tells the checker what was readable before
 * the writer came.
 */
enum Operation {
    READ_SKIP_CORRUPT {
        @Override
        Result run(Path log, Path converted, OriginalLog original, RecoveryMode mode) {
            return Result.read(TestLogs.drain(LogInspector.open(log, RecoveryMode.SKIP_CORRUPT, p -> { }).read(0)));
        }
    },
    READ {
        @Override
        Result run(Path log, Path converted, OriginalLog original, RecoveryMode mode) {
            return Result.read(TestLogs.drain(LogInspector.open(log, mode, p -> { }).read(0)));
        }
    },
    /**
     * Reads from the last LSN of the segment in the middle of the log, seeking with its index, and without
     * indexes (a scan of the segment from its start): when the scan meets no problem, both must read the same.
     */
    READ_FROM_MIDDLE {
        @Override
        Result run(Path log, Path converted, OriginalLog original, RecoveryMode mode) {
            long from = original.middleLsn();
            List<dev.jwal.api.LogProblem> scanProblems = new ArrayList<>();
            List<LogRecord> scanned;
            try {
                scanned = TestLogs.drain(LogInspector.open(log, mode, scanProblems::add).withoutIndexes().read(from));
            } catch (WalException e) {
                scanned = null;
            }
            boolean comparable = scanned != null && scanProblems.isEmpty();
            List<LogRecord> indexed;
            try {
                indexed = TestLogs.drain(LogInspector.open(log, mode, p -> { }).read(from));
            } catch (WalException e) {
                if (comparable) {
                    return Result.mismatch("a read from LSN " + from + " seeking with the index threw " + e
                            + ", a scan read " + scanned.size() + " records");
                }
                throw e;
            }
            if (comparable && !indexed.equals(scanned)) {
                return Result.mismatch("a read from LSN " + from + " seeking with the index read " + indexed.size()
                        + " records, a scan " + scanned.size() + ", and they differ");
            }
            return Result.read(indexed);
        }
    },
    RECOVER {
        @Override
        Result run(Path log, Path converted, OriginalLog original, RecoveryMode mode) {
            TestLogs.drain(LogInspector.open(log, mode, p -> { }).recover());
            return Result.NONE;
        }
    },
    VERIFY {
        @Override
        Result run(Path log, Path converted, OriginalLog original, RecoveryMode mode) {
            LogInspector.open(log, mode, p -> { }).verify();
            return Result.NONE;
        }
    },
    SUMMARY {
        @Override
        Result run(Path log, Path converted, OriginalLog original, RecoveryMode mode) {
            LogInspector.open(log, mode, p -> { }).summary();
            return Result.NONE;
        }
    },
    REPAIR {
        @Override
        Result run(Path log, Path converted, OriginalLog original, RecoveryMode mode) {
            LogRepair.repair(log);
            return Result.NONE;
        }
    },
    CONVERT {
        @Override
        Result run(Path log, Path converted, OriginalLog original, RecoveryMode mode) {
            SegmentFormat other = original.format == SegmentFormat.LINES ? SegmentFormat.FRAMED : SegmentFormat.LINES;
            WalConfig target = WalConfig.builder(converted).codec("json").format(other).build();
            LogConverter.convert(log, target, mode, done -> { });
            return Result.NONE;
        }
    },
    /** Opens the log for writing, appends two records, a checkpoint and one more record, and closes. */
    WRITER {
        @Override
        Result run(Path log, Path converted, OriginalLog original, RecoveryMode mode) {
            List<LogRecord> acknowledged = new ArrayList<>();
            try (WriteAheadLog wal = Wal.open(original.config(log).build())) {
                for (int i = 0; i < 3; i++) {
                    WalEntry entry = OriginalLog.upsert("new-" + i, 100 + i);
                    acknowledged.add(new LogRecord(wal.append(entry), entry));
                    if (i == 1) {
                        long lsn = wal.checkpoint();
                        acknowledged.add(new LogRecord(lsn, new WalEntry.Checkpoint(lsn)));
                    }
                }
            }
            return new Result(List.of(), acknowledged);
        }
    };

    abstract Result run(Path log, Path converted, OriginalLog original, RecoveryMode mode);

    /**
     * What an operation that returned handed back.
     *
     * @param read         the records a read returned
     * @param acknowledged what the writer appended, with the LSNs it acknowledged
     * @param mismatch     how two reads that must agree differed, or null
     */
    record Result(List<LogRecord> read, List<LogRecord> acknowledged, String mismatch) {
        static final Result NONE = new Result(List.of(), List.of(), null);

        Result(List<LogRecord> read, List<LogRecord> acknowledged) {
            this(read, acknowledged, null);
        }

        static Result read(List<LogRecord> records) {
            return new Result(records, List.of());
        }

        /** Two reads that must agree did not. */
        static Result mismatch(String problem) {
            return new Result(List.of(), List.of(), problem);
        }
    }
}
