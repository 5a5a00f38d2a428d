package dev.jwal.bookkeeper;

import dev.jwal.api.LsnRange;

import java.time.Duration;
import java.util.List;

/**
 * A writer run in a child JVM, to be killed with SIGKILL: appends entries (every third one a transaction of two
 * entries) and prints each acknowledgement as {@code ack FIRST LAST I}, flushed, once append returned.
 * Arguments: ZooKeeper connect string, log name, count.
 */
public final class AppendingWriter {
    private AppendingWriter() {
    }

    public static void main(String[] args) {
        BookKeeperWalConfig config = BookKeeperWalConfig.builder(args[0], args[1])
                .operationTimeout(Duration.ofSeconds(10)).build();
        int count = Integer.parseInt(args[2]);
        try (BookKeeperWal log = BookKeeperWal.open(config)) {
            System.out.println("open " + log.nextLsn());
            System.out.flush();
            for (int i = 0; i < count; i++) {
                LsnRange range = i % 3 == 2
                        ? log.appendTransaction(i, List.of(Entries.upsert(i), Entries.upsert(-i)))
                        : new LsnRange(log.append(Entries.upsert(i)), log.nextLsn() - 1);
                System.out.println("ack " + range.first() + " " + range.last() + " " + i);
                System.out.flush();
            }
        }
    }
}
