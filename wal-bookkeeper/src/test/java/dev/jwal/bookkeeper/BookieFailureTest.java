package dev.jwal.bookkeeper;

import dev.jwal.api.LogRecord;
import dev.jwal.bookkeeper.sandbox.LocalBookie;
import dev.jwal.testkit.Cursors;
import org.apache.bookkeeper.client.api.BookKeeper;
import org.apache.bookkeeper.conf.ClientConfiguration;
import org.apache.bookkeeper.net.BookieId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.List;

import static dev.jwal.bookkeeper.Entries.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/** Bookies lost while writing and reading: nothing acknowledged is lost, reads go on. */
class BookieFailureTest {
    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(4);

    @AfterEach
    void restartStoppedBookies() throws IOException {
        CLUSTER.get().startAll();
    }

    @Test
    void aBookieLostWhileWritingIsReplacedAndNothingAcknowledgedIsLost() throws Exception {
        BookKeeperWalConfig config = Clusters.config(CLUSTER.get(), "lose-bookie").build();
        try (BookKeeperWal log = BookKeeperWal.open(config)) {
            for (int i = 0; i < 20; i++) {
                log.append(upsert(i));
            }
            stopAnEnsembleMember(config, log);
            for (int i = 20; i < 40; i++) {
                assertThat(log.append(upsert(i))).isEqualTo(i);
            }
        }
        try (BookKeeperWal log = BookKeeperWal.open(config)) {
            assertThat(Cursors.drain(log.read(0))).extracting(LogRecord::lsn)
                    .containsExactlyElementsOf(LongRangeList.of(0, 40));
        }
    }

    @Test
    void withExactlyAnEnsembleOfBookiesContinuingOnTheAckQuorumKeepsWriting() throws Exception {
        BookKeeperWalConfig config = Clusters.config(CLUSTER.get(), "ack-quorum").continueOnAckQuorum(true).build();
        try (BookKeeperWal log = BookKeeperWal.open(config)) {
            log.append(upsert(0));
            stopAnEnsembleMember(config, log);
            assertThat(log.append(upsert(1))).isEqualTo(1);
            assertThat(Cursors.drain(log.read(0))).hasSize(2);
        }
    }

    @Test
    void readsSucceedWithABookieDown() throws Exception {
        BookKeeperWalConfig config = Clusters.config(CLUSTER.get(), "read-down").build();
        try (BookKeeperWal log = BookKeeperWal.open(config)) {
            for (int i = 0; i < 10; i++) {
                log.append(upsert(i));
            }
            stopAnEnsembleMember(config, log);
            assertThat(Cursors.drain(log.read(0))).extracting(LogRecord::entry)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 10).mapToObj(Entries::upsert)
                            .toList());
        }
        try (BookKeeperLogReader reader = BookKeeperLogReader.open(config)) {
            assertThat(Cursors.drain(reader.read(0))).hasSize(10);
        }
    }

    /** Stops one bookie of the ensemble of the log's current ledger. */
    private static void stopAnEnsembleMember(BookKeeperWalConfig config, BookKeeperWal log) throws Exception {
        ClientConfiguration conf = new ClientConfiguration();
        conf.setMetadataServiceUri(config.metadataServiceUri());
        try (BookKeeper admin = BookKeeper.newBuilder(conf).build()) {
            List<BookieId> ensemble = admin.getLedgerMetadata(log.currentLedgerId()).get()
                    .getAllEnsembles().lastEntry().getValue();
            String member = ensemble.get(0).toString();
            LocalBookie bookie = CLUSTER.get().bookies().stream().filter(b -> member.endsWith(":" + b.port()))
                    .findFirst().orElseThrow();
            bookie.stop();
        }
    }
}
