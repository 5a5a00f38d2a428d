package dev.jwal.cli;

import dev.jwal.api.LogProblem;
import dev.jwal.api.LogRecord;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.WalConfig;
import dev.jwal.codec.json.JsonEntryCodec;
import dev.jwal.core.LogInspector;
import dev.jwal.core.Wal;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static dev.jwal.testkit.Cursors.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * A {@code wal append --sync every-write --echo-acks} process is killed with
 * SIGKILL while it appends, and the log must still hold every entry it
 * acknowledged, exactly as it was sent, at the LSN it was acknowledged with;
 * LSNs must run from 0 without a gap; nothing may appear that was not sent;
 * and the log must reopen, recover what the transactions and checkpoints
 * say, take new appends at the next LSN and verify clean.
 *
 * <p>The child gets generated lines on standard input from a writer thread
 * ({@link EntryGenerator}); since every line becomes one record and the
 * command appends them in order, the k-th line of a session gets LSN
 * {@code base + k}, so the entry expected at each LSN is known. A reader
 * thread records the acknowledged LSNs. Segments are 4 KiB, so every round
 * rotates many times, and a 1536-float upsert fills a segment by itself.
 * Rounds cycle through lines/json and framed with json, kryo and protobuf;
 * the two-crash variant picks one at random per writer, so a directory may
 * hold several.
 * In about a third of the checks a torn write is added to the end of the log
 * first ({@link #tearTheTail}), since a kill alone never tears a record.
 *
 * <p>After each crash the test reopens the log as a restarting application
 * would; opening rolls back the transaction the crash left open, if any, so
 * what the next writer appends is replayed.
 *
 * <p>Rounds: {@code -Djwal.crash.rounds=N} (default 20); seed:
 * {@code -Djwal.crash.seed=S}, printed in each round's name to replay it.
 */
class CrashRecoveryTest {
    private static final int ROUNDS = Integer.getInteger("jwal.crash.rounds", 20);
    private static final long SEED = Long.getLong("jwal.crash.seed", System.nanoTime());
    private static final int SEGMENT_SIZE = 4096;
    private static final int SIGKILL_EXIT_CODE = 128 + 9;
    private static final long FIRST_ACK_TIMEOUT_SECONDS = 60;
    private static final JsonEntryCodec JSON = new JsonEntryCodec();
    private static final int FRAMED_MAGIC_FIRST_BYTE = 0x89;

    private final AtomicInteger segmentsSeen = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> aKilledWriterLosesNoAcknowledgedEntry(@TempDir Path root) {
        Stream<DynamicTest> rounds = IntStream.range(0, ROUNDS).mapToObj(round -> {
            long seed = SEED + round;
            return dynamicTest("round " + round + " (-Djwal.crash.seed=" + SEED + ")", () -> {
                Path log = root.resolve("round-" + round);
                List<WalEntry> expected = new ArrayList<>();
                Random random = new Random(seed);

                Layout layout = LAYOUTS.get(round % LAYOUTS.size());
                Session session = Session.killedAfterRandomDelay(log, 0, random, "a", 1_000, layout);
                checkAfterCrash(log, session, expected, random);
            });
        });
        return Stream.concat(rounds, Stream.of(dynamicTest("the rounds rotated segments", () ->
                assertThat(segmentsSeen.get()).as("segments over all rounds").isGreaterThan(2 * ROUNDS))));
    }

    @TestFactory
    Stream<DynamicTest> aLogSurvivesTwoCrashesOfWritersThatFollowEachOther(@TempDir Path root) {
        int rounds = Math.max(1, ROUNDS / 4);
        return IntStream.range(0, rounds).mapToObj(round -> {
            long seed = SEED + 1_000_000 + round;
            return dynamicTest("round " + round + " (-Djwal.crash.seed=" + SEED + ")", () -> {
                Path log = root.resolve("round-" + round);
                List<WalEntry> expected = new ArrayList<>();
                Random random = new Random(seed);

                Session first = Session.killedAfterRandomDelay(log, 0, random, "a", 1_000, anyLayout(random));
                checkAfterCrash(log, first, expected, random);
                Session second = Session.killedAfterRandomDelay(log, expected.size(), random, "b", 2_000,
                        anyLayout(random));
                checkAfterCrash(log, second, expected, random);
            });
        });
    }

    /** A segment format and the codec its records are written with. */
    record Layout(SegmentFormat format, String codec) {
        @Override
        public String toString() {
            return format.cliName() + "/" + codec;
        }
    }

    private static final List<Layout> LAYOUTS = List.of(new Layout(SegmentFormat.LINES, "json"),
            new Layout(SegmentFormat.FRAMED, "json"), new Layout(SegmentFormat.FRAMED, "kryo"),
            new Layout(SegmentFormat.FRAMED, "protobuf"));

    private static Layout anyLayout(Random random) {
        return LAYOUTS.get(random.nextInt(LAYOUTS.size()));
    }

    /**
     * Checks the log after {@code session}'s writer was killed, then appends
     * to it as an application restarting would (rolling back a transaction the
     * crash left open). {@code expected} holds the entries of the LSNs before
     * the session and is brought up to date with what the log now holds.
     */
    private void checkAfterCrash(Path log, Session session, List<WalEntry> expected, Random random)
            throws IOException {
        long base = session.baseLsn;
        boolean torn = random.nextInt(3) == 0 && tearTheTail(log, session, random);
        String context = session.describe() + (torn ? "; torn write simulated" : "");
        assertThat(session.acks).as("acks are the session's LSNs in order; %s", context)
                .containsExactlyElementsOf(LongStream.range(base, base + session.acks.size()).boxed().toList());
        expected.addAll(session.sent);

        // Read-only, as `wal dump` beside a dead writer: a torn tail is ignored, nothing else may be wrong.
        List<LogProblem> problems = new ArrayList<>();
        LogInspector inspector = LogInspector.open(log, RecoveryMode.TRUNCATE_TORN_TAIL, problems::add);
        List<LogRecord> records = drain(inspector.read(0));
        assertThat(problems).as("problems; %s", context)
                .allMatch(problem -> problem.kind() == LogProblem.Kind.TORN_TAIL)
                .hasSizeLessThanOrEqualTo(1);
        if (torn) {
            assertThat(problems).as("the torn write is reported; %s", context).hasSize(1);
        }
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).lsn()).as("LSNs run from 0 without a gap; %s", context).isEqualTo(i);
        }
        long count = records.size();
        assertThat(count).as("every acknowledged LSN is in the log; %s", context)
                .isGreaterThanOrEqualTo(base + session.acks.size());
        assertThat(count).as("no record beyond what was sent; %s", context)
                .isLessThanOrEqualTo(base + session.sent.size());
        for (int i = 0; i < count; i++) {
            if (!records.get(i).entry().equals(expected.get(i))) {
                fail("LSN %d holds %s but %s was sent for it; %s", i, records.get(i).entry(), expected.get(i), context);
            }
        }
        expected.subList((int) count, expected.size()).clear();

        OptionalLong checkpoint = inspector.lastCheckpointLsn();
        if (session.lastAckedCheckpoint >= 0) {
            assertThat(checkpoint).as("an acknowledged checkpoint is persisted; %s", context).isPresent();
            assertThat(checkpoint.getAsLong()).isGreaterThanOrEqualTo(session.lastAckedCheckpoint);
        }
        if (checkpoint.isPresent()) {
            assertThat(expected.get((int) checkpoint.getAsLong())).as("the checkpoint names a Checkpoint record")
                    .isInstanceOf(WalEntry.Checkpoint.class);
        }
        List<LogRecord> recovered = drain(inspector.recover());
        assertThat(recovered).as("what recovery replays; %s", context)
                .containsExactlyElementsOf(RecoveryModel.replay(records, checkpoint));

        // Reopened for writing in the default mode: the torn tail is cut, appends go on at the next LSN.
        WalConfig config = WalConfig.builder(log).codec(session.layout.codec()).format(session.layout.format())
                .segmentSize(SEGMENT_SIZE).build();
        try (WriteAheadLog writer = Wal.open(config)) {
            // Opening rolls back the transaction the crash left open, if any, so later appends are replayed.
            long openTxn = RecoveryModel.openTransaction(records);
            int rolledBack = 0;
            if (openTxn >= 0) {
                expected.add(new WalEntry.TxnRollback(openTxn));
                rolledBack = 1;
            }
            assertThat(writer.nextLsn()).as("next LSN after reopening; %s", context).isEqualTo(count + rolledBack);
            assertThat(drain(writer.read(0)).subList(0, records.size())).containsExactlyElementsOf(records);
            assertThat(drain(writer.read(count))).extracting(LogRecord::entry)
                    .containsExactlyElementsOf(expected.subList((int) count, (int) count + rolledBack));
            assertThat(drain(writer.recover())).containsExactlyElementsOf(recovered);
            appendExpecting(writer, new WalEntry.CreateNamespace("reopened-at-" + count), expected);
        }

        Cli.Result verify = Cli.run("verify", log);
        assertThat(verify.exitCode()).as("wal verify after reopening; %s; %s", verify, context).isZero();
        List<LogRecord> all = drain(LogInspector.open(log, RecoveryMode.STRICT, problem -> { }).read(0));
        assertThat(all).extracting(LogRecord::entry).containsExactlyElementsOf(expected);
        int segments = Lines.segments(log).size();
        segmentsSeen.addAndGet(segments);
        System.out.printf("%s: %s; %d records survived in %d segments%s, %d recovered, checkpoint %s, ran %d ms%n",
                log.getFileName(), context, count, segments, problems.isEmpty() ? "" : ", torn tail ignored then cut",
                recovered.size(), checkpoint.isPresent() ? "at LSN " + checkpoint.getAsLong() : "none",
                session.runMillis);
    }

    /**
     * A SIGKILL does not interrupt the single write a record takes, so the
     * kill alone leaves no torn record; a power loss can. This adds one: the
     * first bytes (never all) of the record the next sent line would have
     * become, in the last segment's format, after its last record, as a write
     * cut short would: at the end of a lines segment, at the start of the
     * reserved room of a preallocated framed one.
     *
     * @return whether a torn record was added (not when every line sent is in the log)
     */
    private static boolean tearTheTail(Path log, Session session, Random random) throws IOException {
        long next = LogInspector.open(log, RecoveryMode.TRUNCATE_TORN_TAIL, problem -> { }).nextLsn();
        int index = (int) (next - session.baseLsn);
        if (index < 0 || index >= session.sent.size()) {
            return false;
        }
        byte[] payload = JSON.encode(session.sent.get(index));
        List<Path> segments = Lines.segments(log);
        Path last = segments.get(segments.size() - 1);
        boolean framed = isFramed(last);
        byte[] record = framed ? framedRecord(next, payload) : linesRecord(next, payload);
        try (FileChannel out = FileChannel.open(last, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // At least one non-zero byte: zeros alone cannot be told from room never written.
            int firstNonZero = 0;
            while (record[firstNonZero] == 0) {
                firstNonZero++;
            }
            int kept = firstNonZero + 1 + random.nextInt(record.length - firstNonZero - 1);
            ByteBuffer torn = ByteBuffer.wrap(record, 0, kept);
            long at = framed ? framedRecordsEnd(out) : out.size();
            while (torn.hasRemaining()) {
                at += out.write(torn, at);
            }
        }
        return true;
    }

    /**
     * Where the records of a framed segment end: after the header (27 bytes and the codec name, whose
     * length is byte 10) come records of a 16-byte header and a payload, up to the end of the file or
     * to zeros (reserved room a killed writer left).
     */
    private static long framedRecordsEnd(FileChannel segment) throws IOException {
        ByteBuffer nameLength = ByteBuffer.allocate(1);
        segment.read(nameLength, 10);
        long at = 27 + (nameLength.get(0) & 0xff);
        ByteBuffer header = ByteBuffer.allocate(16);
        while (at + 16 <= segment.size()) {
            header.clear();
            while (header.hasRemaining()) {
                segment.read(header, at + header.position());
            }
            if (header.getLong(0) == 0 && header.getLong(8) == 0) {
                break;
            }
            at += 16 + header.getInt(0);
        }
        return at;
    }

    private static boolean isFramed(Path segment) throws IOException {
        try (InputStream in = Files.newInputStream(segment)) {
            return in.read() == FRAMED_MAGIC_FIRST_BYTE;
        }
    }

    /** {@code LSN|payload}, as docs/FORMAT.md specifies a lines record (without its line feed). */
    private static byte[] linesRecord(long lsn, byte[] payload) {
        byte[] prefix = (lsn + "|").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(prefix.length + payload.length).put(prefix).put(payload).array();
    }

    /** Length, CRC32C of LSN and payload, LSN, payload: a framed record as docs/FORMAT.md specifies it. */
    private static byte[] framedRecord(long lsn, byte[] payload) {
        byte[] checked = ByteBuffer.allocate(Long.BYTES + payload.length).putLong(lsn).put(payload).array();
        CRC32C crc = new CRC32C();
        crc.update(checked);
        return ByteBuffer.allocate(2 * Integer.BYTES + checked.length)
                .putInt(payload.length).putInt((int) crc.getValue()).put(checked).array();
    }

    private static void appendExpecting(WriteAheadLog writer, WalEntry entry, List<WalEntry> expected) {
        assertThat(writer.append(entry)).isEqualTo(expected.size());
        expected.add(entry);
    }

    /** One child process appending generated lines until it is killed. */
    private static final class Session {
        final long baseLsn;
        final Layout layout;
        /** The entry of each line sent, in order: line k becomes LSN {@code baseLsn + k}. */
        final List<WalEntry> sent = Collections.synchronizedList(new ArrayList<>());
        final List<Long> acks = Collections.synchronizedList(new ArrayList<>());
        final Path stderr;
        long lastAckedCheckpoint = -1;
        long killDelayMillis;
        long runMillis;

        private Session(long baseLsn, Layout layout, Path stderr) {
            this.baseLsn = baseLsn;
            this.layout = layout;
            this.stderr = stderr;
        }

        /**
         * Starts {@code wal append} on {@code log}, feeds it, waits for its first
         * ack, lets it run 50 to 600 ms more and kills it with SIGKILL.
         */
        static Session killedAfterRandomDelay(Path log, long baseLsn, Random random, String tag, long firstTxnId,
                                              Layout layout) throws Exception {
            Path stderr = log.resolveSibling(log.getFileName() + "-" + tag + ".stderr");
            Session session = new Session(baseLsn, layout, stderr);
            long started = System.nanoTime();
            Process child = startAppend(log, layout, stderr);
            EntryGenerator generator = new EntryGenerator(random, tag, firstTxnId);
            CountDownLatch firstAck = new CountDownLatch(1);
            Thread writer = new Thread(() -> session.feed(child, generator), "feed-" + tag);
            Thread reader = new Thread(() -> session.collectAcks(child, firstAck), "acks-" + tag);
            writer.start();
            reader.start();
            try {
                if (!firstAck.await(FIRST_ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    fail("no ack within %d s; alive: %s; %s", FIRST_ACK_TIMEOUT_SECONDS, child.isAlive(),
                            session.describe());
                }
                session.killDelayMillis = 50 + random.nextInt(551);
                Thread.sleep(session.killDelayMillis);
                assertThat(child.isAlive()).as("the writer still runs when it is killed; %s", session.describe())
                        .isTrue();
            } finally {
                // Through the handle: Process.destroyForcibly would also close our end of its stdout and lose acks.
                child.toHandle().destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the killed writer exits").isTrue();
                reader.join(TimeUnit.SECONDS.toMillis(30));
                writer.join(TimeUnit.SECONDS.toMillis(30));
            }
            assertThat(child.exitValue()).as("destroyForcibly sent SIGKILL; %s", session.describe())
                    .isEqualTo(SIGKILL_EXIT_CODE);
            assertThat(reader.isAlive() || writer.isAlive()).as("the feeding threads ended").isFalse();
            session.runMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            synchronized (session.acks) {
                for (long ack : session.acks) {
                    int index = (int) (ack - baseLsn);
                    if (index >= 0 && index < session.sent.size()
                            && session.sent.get(index) instanceof WalEntry.Checkpoint) {
                        session.lastAckedCheckpoint = ack;
                    }
                }
            }
            return session;
        }

        private static Process startAppend(Path log, Layout layout, Path stderr) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), WalCommand.class.getName(),
                    "append", log.toString(), "--sync", "every-write", "--echo-acks",
                    "--segment-size", Integer.toString(SEGMENT_SIZE), "--format", layout.format().cliName(),
                    "--codec", layout.codec());
            builder.redirectError(stderr.toFile());
            return builder.start();
        }

        /** Sends lines until the child dies; a line's entry is recorded before any of it is sent. */
        private void feed(Process child, EntryGenerator generator) {
            try (OutputStream in = new BufferedOutputStream(child.getOutputStream(), 64 * 1024)) {
                while (true) {
                    EntryGenerator.Line line = generator.next(baseLsn + sent.size());
                    sent.add(line.entry());
                    in.write(line.bytes());
                    in.write('\n');
                    in.flush();
                }
            } catch (IOException childIsGone) {
                // Broken pipe: the child was killed.
            }
        }

        private void collectAcks(Process child, CountDownLatch firstAck) {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    acks.add(Long.parseLong(line));
                    firstAck.countDown();
                }
            } catch (IOException childIsGone) {
                // The pipe closed with the child.
            }
        }

        String describe() {
            String errors;
            try {
                errors = Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8).strip() : "";
            } catch (IOException e) {
                errors = "(unreadable: " + e + ")";
            }
            return layout + " session from LSN " + baseLsn + ": " + sent.size() + " lines sent, " + acks.size()
                    + " acked, killed " + killDelayMillis + " ms after the first ack"
                    + (errors.isEmpty() ? "" : "; child's stderr: " + errors);
        }
    }
}
