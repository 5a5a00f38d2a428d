package dev.jwal.bookkeeper;

import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.error.EntryRejectedException;
import dev.jwal.core.LogConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * Copies a log into a new log on BookKeeper, keeping every record's LSN (markers and checkpoint records included)
 * and the checkpoint: {@code wal convert DIR bk://...}. The way back, BookKeeper into a directory, is core's
 * {@link LogConverter} reading a {@link BookKeeperLogReader}. Streams: memory holds one batch.
 */
public final class BookKeeperLogConverter {
    private static final Logger LOG = LoggerFactory.getLogger(BookKeeperLogConverter.class);
    private static final int BATCH_RECORDS = 512;

    private BookKeeperLogConverter() {
    }

    /**
     * Copies {@code records} into the new log {@code target} names, then persists {@code checkpoint}.
     *
     * @param records    every record of the source from its first, LSNs contiguous; closed here
     * @param checkpoint the source's checkpoint
     * @param sourceName the source, for messages
     * @param target     the log to create; it must hold no ledger yet
     * @param progress   told the number of records copied so far, every {@value LogConverter#PROGRESS_EVERY}
     * @return what was copied
     * @throws EntryRejectedException if the target codec cannot represent a record, naming its LSN
     * @throws dev.jwal.api.error.WalException if the target log exists already, or as {@link BookKeeperWal#open}
     */
    public static LogConverter.Report toBookKeeper(RecordCursor records, OptionalLong checkpoint, String sourceName,
                                                   BookKeeperWalConfig target, LongConsumer progress) {
        try (records) {
            if (!records.hasNext()) {
                try (BookKeeperWal log = BookKeeperWal.create(target, 0)) {
                    checkpoint.ifPresent(log::persistCheckpoint);
                }
                return new LogConverter.Report(0, -1, -1, checkpoint.orElse(-1));
            }
            List<LogRecord> batch = new ArrayList<>();
            LogRecord first = records.next();
            batch.add(first);
            long copied = 0;
            long last = first.lsn();
            try (BookKeeperWal log = BookKeeperWal.create(target, first.lsn())) {
                while (true) {
                    boolean more = records.hasNext();
                    if (more) {
                        LogRecord record = records.next();
                        batch.add(record);
                        last = record.lsn();
                    }
                    if (batch.size() >= BATCH_RECORDS || !more) {
                        appendNaming(log, batch);
                        copied += batch.size();
                        if (copied / LogConverter.PROGRESS_EVERY != (copied - batch.size()) / LogConverter.PROGRESS_EVERY) {
                            progress.accept(copied);
                        }
                        batch.clear();
                    }
                    if (!more) {
                        break;
                    }
                }
                checkpoint.ifPresent(log::persistCheckpoint);
            }
            LOG.info("converted {} records of {} into {}", copied, sourceName, target.location());
            return new LogConverter.Report(copied, first.lsn(), last, checkpoint.orElse(-1));
        }
    }

    private static void appendNaming(BookKeeperWal log, List<LogRecord> batch) {
        try {
            log.appendRecords(batch);
        } catch (EntryRejectedException e) {
            for (LogRecord record : batch) {
                try {
                    log.framingOf(record.entry());
                } catch (EntryRejectedException refused) {
                    throw new EntryRejectedException("record " + record.lsn() + " cannot be converted to codec '"
                            + log.config().codec() + "': " + refused.getMessage());
                }
            }
            throw e;
        }
    }

}
