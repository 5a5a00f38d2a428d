package dev.jwal.core;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.RetentionPolicy;
import dev.jwal.api.config.SyncPolicy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static dev.jwal.core.TestLogs.lsns;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On real logs, under any policy and any run of appends and checkpoints: every record after the last
 * checkpoint is still there, and what is left of the log is one contiguous run of LSNs to its end.
 */
class RetentionNeverDeletesAfterCheckpointPropertyTest {

    @Property(tries = 12)
    void retentionNeverDeletesARecordAfterTheLastCheckpoint(
            @ForAll("policies") RetentionPolicy policy,
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 8) Integer> appendsBetweenCheckpoints,
            @ForAll @IntRange(min = 0, max = 300) int segmentSize) throws IOException {
        Path dir = Files.createTempDirectory("retention-property");
        try {
            long next;
            try (WriteAheadLog log = Wal.open(TestLogs.config(dir).syncPolicy(SyncPolicy.manual())
                    .segmentSize(segmentSize).retentionPolicy(policy).build())) {
                for (int appends : appendsBetweenCheckpoints) {
                    for (int i = 0; i < appends; i++) {
                        log.append(upsert("v" + i, i));
                    }
                    log.checkpoint();
                }
                next = log.nextLsn();
            }

            LogInspector inspector = LogInspector.open(dir, RecoveryMode.STRICT, problem -> { });
            OptionalLong checkpoint = inspector.lastCheckpointLsn();
            assertThat(checkpoint).isPresent();
            long first = inspector.firstLsn();
            assertThat(first).as("first LSN left").isLessThanOrEqualTo(checkpoint.getAsLong());
            assertThat(lsns(inspector.read(first)))
                    .containsExactlyElementsOf(LongStream.range(first, next).boxed().toList());
        } finally {
            deleteRecursively(dir);
        }
    }

    @Provide
    Arbitrary<RetentionPolicy> policies() {
        Arbitrary<Integer> count = Arbitraries.integers().between(0, 6);
        Arbitrary<Long> bytes = Arbitraries.longs().between(0, 2_000);
        Arbitrary<Boolean> age = Arbitraries.of(true, false);
        return Combinators.combine(count, bytes, age).as((c, b, a) -> {
            RetentionPolicy.Builder builder = RetentionPolicy.builder();
            if (c > 0) {
                builder.maxSegments(c);
            }
            if (b > 0) {
                builder.maxBytes(b);
            }
            if (a) {
                builder.maxAge(Duration.ofNanos(1));
            }
            return builder.build();
        });
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
