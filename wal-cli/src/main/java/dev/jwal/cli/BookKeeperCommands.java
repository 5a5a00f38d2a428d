package dev.jwal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.api.error.WalException;
import dev.jwal.bookkeeper.BookKeeperLogConverter;
import dev.jwal.bookkeeper.BookKeeperLogReader;
import dev.jwal.bookkeeper.BookKeeperWalConfig;
import dev.jwal.bookkeeper.LedgerRange;
import dev.jwal.bookkeeper.LogMetadata;
import dev.jwal.core.LogConverter;
import dev.jwal.core.LogInspector;
import dev.jwal.core.io.LogFileSystem;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * What the read and convert commands do with a log on BookKeeper ({@code bk://HOST:PORT/NAME}): they read it with a
 * {@link BookKeeperLogReader}, which never fences its writer, so they work beside a live one. Stateless.
 */
final class BookKeeperCommands {

    private BookKeeperCommands() {
    }

    /** {@code wal dump bk://...}: every record from {@code fromLsn}. */
    static int dump(BookKeeperWalConfig config, long fromLsn, OutputStream out) throws IOException {
        try (BookKeeperLogReader reader = openExisting(config)) {
            print(reader.read(fromLsn), out);
        }
        return ExitCodes.OK;
    }

    /** {@code wal recover bk://...}: what recovery would replay. */
    static int recover(BookKeeperWalConfig config, OutputStream out) throws IOException {
        try (BookKeeperLogReader reader = openExisting(config)) {
            print(reader.recover(), out);
        }
        return ExitCodes.OK;
    }

    private static void print(RecordCursor cursor, OutputStream out) throws IOException {
        try {
            new RecordPrinter(out).printAll(cursor);
        } finally {
            out.flush();
        }
    }

    /** {@code wal stats bk://...}: ledgers, records, next LSN and checkpoint. */
    static int stats(BookKeeperWalConfig config, boolean json, OutputStream out) throws IOException {
        try (BookKeeperLogReader reader = openExisting(config)) {
            LogMetadata metadata = reader.metadata();
            long next = reader.nextLsn();
            long first = firstLsn(metadata, next);
            long bytes = metadata.ledgers().stream().mapToLong(LedgerRange::bytes).sum();
            String text;
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ObjectNode stats = mapper.createObjectNode();
                stats.put("log", config.location());
                stats.put("ledgers", metadata.ledgers().size());
                stats.put("closedBytes", bytes);
                putLsn(stats, "firstLsn", first);
                putLsn(stats, "lastLsn", first >= 0 ? next - 1 : -1);
                stats.put("nextLsn", next);
                putLsn(stats, "checkpointLsn", metadata.checkpointLsn());
                text = mapper.writeValueAsString(stats) + "\n";
            } else {
                text = row("log", config.location())
                        + row("ledgers", metadata.ledgers().size() + ", " + ByteSize.format(bytes) + " in closed ones")
                        + row("records", first >= 0 ? (next - first) + ", LSN " + first + " to " + (next - 1) : "none")
                        + row("next LSN", Long.toString(next))
                        + row("checkpoint", metadata.checkpointLsn() >= 0 ? "LSN " + metadata.checkpointLsn() : "none");
            }
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        return ExitCodes.OK;
    }

    /**
     * {@code wal verify bk://...}: reads every record, checking each one's CRC32C and LSN and that every ledger ends
     * where the metadata says; exit 0 when clean, {@value ExitCodes#CORRUPT} with the problem when not.
     */
    static int verify(BookKeeperWalConfig config, boolean json, OutputStream out) throws IOException {
        try (BookKeeperLogReader reader = openExisting(config)) {
            LogMetadata metadata = reader.metadata();
            long records = 0;
            long first = -1;
            long last = -1;
            String problem = null;
            long from = Math.max(0, metadata.ledgers().isEmpty() ? 0 : metadata.ledgers().get(0).firstLsn());
            try (RecordCursor cursor = reader.read(from)) {
                while (cursor.hasNext()) {
                    LogRecord record = cursor.next();
                    first = first < 0 ? record.lsn() : first;
                    last = record.lsn();
                    records++;
                }
            } catch (CorruptLogException e) {
                problem = e.getMessage();
            }
            String summary = config.location() + ": " + metadata.ledgers().size() + " ledger(s), " + records
                    + " record(s)" + (records > 0 ? ", LSN " + first + " to " + last : "")
                    + (metadata.checkpointLsn() >= 0 ? ", checkpoint at LSN " + metadata.checkpointLsn()
                    : ", no checkpoint");
            String text;
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ObjectNode report = mapper.createObjectNode();
                report.put("log", config.location());
                report.put("clean", problem == null);
                report.put("ledgers", metadata.ledgers().size());
                report.put("records", records);
                putLsn(report, "firstLsn", first);
                putLsn(report, "lastLsn", last);
                putLsn(report, "checkpointLsn", metadata.checkpointLsn());
                report.putArray("problems").addAll(problem == null ? java.util.List.of()
                        : java.util.List.of(mapper.getNodeFactory().textNode(problem)));
                text = mapper.writeValueAsString(report) + "\n";
            } else {
                text = problem == null ? "clean: " + summary + "\n"
                        : "problem 1: " + TerminalText.escape(problem) + "\nNOT CLEAN: " + summary + "; 1 problem(s)\n";
            }
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return problem == null ? ExitCodes.OK : ExitCodes.CORRUPT;
        }
    }

    /** {@code wal repair bk://...}: there is nothing to repair; says why. */
    static CliFailure repairRefused(BookKeeperLocation location) {
        return CliFailure.badInput(location + " is a log on BookKeeper: it has no torn tail to repair (a new writer "
                + "fences the last ledger and closes it at its last acknowledged entry); verify checks it", null);
    }

    /**
     * {@code wal convert SRC DST}: either side a directory or a BookKeeper log; LSNs, markers and the checkpoint are
     * kept.
     *
     * @param source      the source directory, when it is one
     * @param sourceLog   the source BookKeeper log, when it is one
     * @param targetDir   the target directory's configuration, when it is one
     * @param targetLog   the target BookKeeper log, when it is one
     */
    static LogConverter.Report convert(Path source, BookKeeperWalConfig sourceLog, RecoveryMode recovery,
                                       WalConfig targetDir, BookKeeperWalConfig targetLog, LongConsumer progress) {
        BookKeeperLogReader reader = null;
        try {
            RecordCursor records;
            OptionalLong checkpoint;
            String name;
            if (sourceLog != null) {
                reader = openExisting(sourceLog);
                LogMetadata metadata = reader.metadata();
                long from = metadata.ledgers().isEmpty() ? 0 : metadata.ledgers().get(0).firstLsn();
                records = reader.read(from);
                checkpoint = reader.lastCheckpointLsn();
                name = sourceLog.location();
            } else {
                LogInspector inspector = LogInspector.open(source, recovery, targetDir != null
                        ? targetDir.problemListener() : problem -> { });
                records = inspector.read(Math.max(0, inspector.firstLsn()));
                checkpoint = inspector.lastCheckpointLsn();
                name = source.toString();
            }
            if (targetLog != null) {
                return BookKeeperLogConverter.toBookKeeper(records, checkpoint, name, targetLog, progress);
            }
            return LogConverter.convert(records, checkpoint, name, targetDir, progress, LogFileSystem.standard());
        } finally {
            if (reader != null) {
                reader.close();
            }
        }
    }

    private static BookKeeperLogReader openExisting(BookKeeperWalConfig config) {
        BookKeeperLogReader reader = BookKeeperLogReader.open(config);
        try {
            if (!reader.exists()) {
                throw new WalException("no log '" + config.logName() + "' on the BookKeeper cluster of "
                        + config.zooKeeper());
            }
            return reader;
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** The first LSN of a log with {@code next} as its next, or -1 when it holds no record. */
    private static long firstLsn(LogMetadata metadata, long next) {
        if (metadata.ledgers().isEmpty()) {
            return -1;
        }
        long first = metadata.ledgers().get(0).firstLsn();
        return first < next ? first : -1;
    }

    private static String row(String name, String value) {
        return String.format(Locale.ROOT, "%-12s %s%n", name, TerminalText.escape(value));
    }

    private static void putLsn(ObjectNode node, String field, long lsn) {
        if (lsn >= 0) {
            node.put(field, lsn);
        } else {
            node.putNull(field);
        }
    }
}
