package dev.jwal.core;

import dev.jwal.api.LogRecord;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentAppendTest {
    private static final int THREADS = 8;
    private static final int APPENDS_PER_THREAD = 250;

    @TempDir
    Path dir;

    @Test
    void concurrentAppendersGetUniqueContiguousLsnsInFileOrderAndEveryEntryIsRecovered() throws Exception {
        Map<Long, WalEntry> acknowledged = new ConcurrentHashMap<>();
        try (WriteAheadLog log = Wal.open(config(dir).segmentSize(8 * 1024).build())) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                        WalEntry entry = upsert("t" + thread + "-" + i, thread, i);
                        WalEntry previous = acknowledged.put(log.append(entry), entry);
                        assertThat(previous).as("LSN handed out twice").isNull();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get();
            }
            pool.shutdown();
        }
        int total = THREADS * APPENDS_PER_THREAD;
        assertThat(acknowledged.keySet()).hasSize(total).allMatch(lsn -> lsn >= 0 && lsn < total);

        // Strict reading checks file order: every record's LSN is the one after the record before it.
        LogInspector inspector = LogInspector.open(dir, RecoveryMode.STRICT, problem -> { });
        List<LogRecord> records = TestLogs.drain(inspector.recover());
        assertThat(records).hasSize(total);
        Map<Long, WalEntry> recovered = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).lsn()).isEqualTo(i);
            recovered.put(records.get(i).lsn(), records.get(i).entry());
        }
        assertThat(recovered).isEqualTo(acknowledged);
        assertThat(TestLogs.segments(dir)).hasSizeGreaterThan(1);
    }

    @Test
    void concurrentTransactionsStayContiguousAndAreAllReplayed() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        log.appendTransaction(thread * 1000L + i, List.of(upsert("a" + thread + "-" + i, 1f),
                                upsert("b" + thread + "-" + i, 2f)));
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
            pool.shutdown();
            List<LogRecord> all = TestLogs.drain(log.read(0));
            for (int i = 0; i < all.size(); i += 4) {
                long txn = ((WalEntry.TxnBegin) all.get(i).entry()).txnId();
                assertThat(all.get(i + 3).entry()).isEqualTo(new WalEntry.TxnCommit(txn));
            }
            assertThat(TestLogs.drain(log.recover())).hasSize(THREADS * 20 * 2);
        }
    }
}
