package dev.jwal.bookkeeper;

import dev.jwal.api.LogRecord;
import dev.jwal.api.WalEntry;
import dev.jwal.bookkeeper.sandbox.LocalBookie;
import dev.jwal.testkit.Cursors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.jwal.bookkeeper.Entries.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A writer in a child JVM acknowledges entries and transactions, a bookie of the cluster is killed, then the writer
 * is killed with SIGKILL: a new writer fences its ledger and continues at the next LSN, and every acknowledged
 * entry is read back exactly once in LSN order, every transaction whole or not at all.
 */
class KilledWriterTest {
    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(4);

    @Test
    void aKilledWriterLosesNothingItAcknowledgedAndTheNextContinuesAfterIt() throws Exception {
        String logName = Clusters.freshLogName("killed");
        Process child = startWriter(logName);
        List<long[]> acks = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            readAcks(out, acks, 30);
            LocalBookie lost = CLUSTER.get().bookies().get(0);
            lost.stop();
            readAcks(out, acks, 60);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        BookKeeperWalConfig config = BookKeeperWalConfig.builder(CLUSTER.get().zooKeeperConnect(), logName).build();
        try (BookKeeperWal next = BookKeeperWal.open(config)) {
            long[] lastAck = acks.get(acks.size() - 1);
            long continued = next.nextLsn();
            assertThat(continued).isGreaterThan(lastAck[1]);
            List<LogRecord> records = Cursors.drain(next.read(0));
            assertThat(records).extracting(LogRecord::lsn).containsExactlyElementsOf(LongRangeList.of(0, continued));
            assertEveryAcknowledgedEntryIsThereOnce(records, acks);
            assertTransactionsAreWholeOrAbsent(Cursors.drain(next.recover()));
            assertThat(next.append(upsert(1_000_000))).isEqualTo(continued);
        } finally {
            CLUSTER.get().startAll();
        }
    }

    private static Process startWriter(String logName) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "--add-opens", "java.base/java.io=ALL-UNNAMED",
                "-Djava.net.preferIPv4Stack=true", "-cp", System.getProperty("java.class.path"),
                AppendingWriter.class.getName(), CLUSTER.get().zooKeeperConnect(), logName, "100000");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        return builder.start();
    }

    /** Reads acknowledgements until {@code total} have come. */
    private static void readAcks(BufferedReader out, List<long[]> acks, int total) throws IOException {
        while (acks.size() < total) {
            String line = out.readLine();
            assertThat(line).as("the writer stopped after %d acknowledgements", acks.size()).isNotNull();
            if (line.startsWith("ack ")) {
                String[] parts = line.split(" ");
                acks.add(new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3])});
            }
        }
    }

    private static void assertEveryAcknowledgedEntryIsThereOnce(List<LogRecord> records, List<long[]> acks) {
        for (long[] ack : acks) {
            int i = (int) ack[2];
            WalEntry first = records.get((int) ack[0]).entry();
            if (i % 3 == 2) {
                assertThat(records.subList((int) ack[0], (int) ack[1] + 1)).extracting(LogRecord::entry)
                        .containsExactly(new WalEntry.TxnBegin(i), upsert(i), upsert(-i), new WalEntry.TxnCommit(i));
            } else {
                assertThat(first).isEqualTo(upsert(i));
            }
        }
        Set<WalEntry> seen = new HashSet<>();
        for (LogRecord record : records) {
            if (!record.entry().isMarker()) {
                assertThat(seen.add(record.entry())).as("%s read once", record).isTrue();
            }
        }
    }

    /** Each transaction wrote upsert(i) and upsert(-i): recovery has both or neither. */
    private static void assertTransactionsAreWholeOrAbsent(List<LogRecord> recovered) {
        Set<WalEntry> entries = new HashSet<>();
        recovered.forEach(record -> entries.add(record.entry()));
        for (LogRecord record : recovered) {
            WalEntry.Upsert upsert = (WalEntry.Upsert) record.entry();
            int i = Integer.parseInt(upsert.vectors().get(0).id().substring(1));
            if (i % 3 == 2) {
                assertThat(entries).contains(upsert(-i));
            }
        }
    }
}
