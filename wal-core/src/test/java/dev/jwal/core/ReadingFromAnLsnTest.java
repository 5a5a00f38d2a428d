package dev.jwal.core;

import dev.jwal.api.LogRecord;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, item 2: a read from any LSN returns exactly the records from that LSN on, in order, whichever
 * segment holds it and wherever in the segment it lies, whether the reader seeks with the writer's indexes
 * (the active segment's in memory), with index files (a new inspector), or with none (every index file
 * deleted: indexes rebuilt as segments are read). One log per layout, about five 64 KiB segments, shared by
 * the tries; the writer of each stays open so that its active segment has records.
 */
class ReadingFromAnLsnTest {
    private static final long RECORDS = 3000;
    private static Path root;
    private static final Map<IndexedLogs.Layout, Fixture> FIXTURES = new EnumMap<>(IndexedLogs.Layout.class);

    /** A log still open for writing, a copy of it without index files, and what it holds. */
    private record Fixture(WriteAheadLog writer, Path directory, Path withoutIndexFiles, List<LogRecord> records) {
    }

    @BeforeContainer
    static void writeLogs() throws IOException {
        root = Files.createTempDirectory("jwal-read-from-lsn");
        for (IndexedLogs.Layout layout : IndexedLogs.Layout.values()) {
            Path directory = root.resolve(layout.name());
            List<LogRecord> records = new ArrayList<>(IndexedLogs.write(directory, layout, RECORDS / 2));
            Path copy = root.resolve(layout.name() + "-no-index-files");
            Files.createDirectories(copy);
            WriteAheadLog writer = Wal.open(layout.config(directory).build());
            records.addAll(IndexedLogs.append(writer, RECORDS / 2));
            writer.sync();
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    if (file.getFileName().toString().endsWith(".wal")) {
                        Files.copy(file, copy.resolve(file.getFileName()));
                    }
                }
            }
            FIXTURES.put(layout, new Fixture(writer, directory, copy, List.copyOf(records)));
        }
        assertThat(TestLogs.segments(FIXTURES.get(IndexedLogs.Layout.JSON_FRAMED).directory())).hasSizeGreaterThan(3);
    }

    @AfterContainer
    static void closeLogs() throws IOException {
        for (Fixture fixture : FIXTURES.values()) {
            fixture.writer().close();
        }
        try (var walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Provide
    Arbitrary<Long> lsns() {
        return Arbitraries.longs().between(0, RECORDS - 1);
    }

    @Property(tries = 60)
    void theWritersReadReturnsExactlyTheRecordsFromTheLsn(@ForAll IndexedLogs.Layout layout,
                                                          @ForAll("lsns") long lsn) {
        Fixture fixture = FIXTURES.get(layout);
        assertThat(TestLogs.drain(fixture.writer().read(lsn))).isEqualTo(IndexedLogs.from(fixture.records(), lsn));
    }

    @Property(tries = 60)
    void anInspectorsReadWithIndexFilesReturnsExactlyTheRecordsFromTheLsn(@ForAll IndexedLogs.Layout layout,
                                                                          @ForAll("lsns") long lsn) {
        Fixture fixture = FIXTURES.get(layout);
        LogInspector inspector = LogInspector.open(fixture.directory(), RecoveryMode.TRUNCATE_TORN_TAIL, p -> { });
        assertThat(TestLogs.drain(inspector.read(lsn))).isEqualTo(IndexedLogs.from(fixture.records(), lsn));
    }

    @Property(tries = 60)
    void readsWithoutIndexFilesReturnExactlyTheRecordsFromTheLsn(@ForAll IndexedLogs.Layout layout,
                                                                 @ForAll("lsns") long first,
                                                                 @ForAll("lsns") long second) {
        Fixture fixture = FIXTURES.get(layout);
        // The first read rebuilds the indexes of the segments it reads; the second seeks with them.
        LogInspector inspector = LogInspector.open(fixture.withoutIndexFiles(), RecoveryMode.TRUNCATE_TORN_TAIL,
                p -> { });
        assertThat(TestLogs.drain(inspector.read(first))).isEqualTo(IndexedLogs.from(fixture.records(), first));
        assertThat(TestLogs.drain(inspector.read(second))).isEqualTo(IndexedLogs.from(fixture.records(), second));
    }
}
