package dev.jwal.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built launcher, {@code target/wal/bin/wal}, run as a user would (after {@code package}, by failsafe):
 * it finds java, passes {@code WAL_OPTS}, and the jar's manifest gives the real version and commit.
 */
class LauncherIT {
    private static final Path DISTRIBUTION = Path.of(System.getProperty("wal.distribution", "target/wal"));
    private static final Path WAL = DISTRIBUTION.resolve("bin/wal");

    @TempDir
    Path temp;

    @Test
    void walVersionPrintsTheBuildsVersionAndCommit() throws Exception {
        Run run = run(Map.of(), "--version");

        assertThat(run.exitCode).as(run.toString()).isZero();
        String commit = System.getProperty("wal.expected.commit", "unknown");
        assertThat(run.out.lines().findFirst().orElseThrow()).as(run.toString())
                .startsWith("wal " + System.getProperty("wal.expected.version") + " (jwal), commit "
                        + (commit.startsWith("${") ? "unknown" : commit));
    }

    @Test
    void theLauncherRunsCommandsWithJavaFromJavaHomeAndOptionsFromWalOpts() throws Exception {
        Path log = temp.resolve("log");
        Path input = Files.writeString(temp.resolve("input.jsonl"), Lines.CREATE + "\n" + Lines.UPSERT + "\n");

        Run append = run(Map.of("JAVA_HOME", System.getProperty("java.home")), input, "append", log.toString(),
                "--segment-size", "64MiB");
        Run stats = run(Map.of("WAL_OPTS", "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug -Xmx64m"), (Path) null,
                "stats", log.toString(), "--json");

        assertThat(append.exitCode).as(append.toString()).isZero();
        assertThat(append.err).as("no progress into a file").isEmpty();
        assertThat(stats.exitCode).as(stats.toString()).isZero();
        assertThat(stats.out).contains("\"nextLsn\":2");
    }

    @Test
    void theLauncherLoadsTheCommandsClassesFromThePackagesClassDataArchive() throws Exception {
        Run run = run(Map.of("WAL_OPTS", "-Xlog:class+load=info"), "--version");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("dev.jwal.cli.WalCommand source: shared objects file");
    }

    @Test
    void classDataSharingChosenInWalOptsReplacesThePackagesArchive() throws Exception {
        // A JDK 24+ AOT cache (-XX:AOTCache) cannot be used beside an archive: the launcher leaves its own out.
        Run run = run(Map.of("WAL_OPTS", "-Xshare:auto -Xlog:class+load=info"), "--version");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("dev.jwal.cli.WalCommand source: file:")
                .doesNotContain("dev.jwal.cli.WalCommand source: shared objects file");
    }

    @Test
    void aCollectorChosenInWalOptsReplacesTheSerialOne() throws Exception {
        // Two collectors on one command line would stop the JVM: the launcher leaves its own out.
        Run run = run(Map.of("WAL_OPTS", "-XX:+UseParallelGC"), "--version");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).startsWith("wal ");
    }

    @Test
    void theLauncherAllowsTheCodecsUnsafeMemoryAccessQuietly() throws Exception {
        // JDK 24+ warns on standard error when Kryo or protobuf-java first use sun.misc.Unsafe, unless allowed.
        Run run = run(Map.of("WAL_OPTS", "-XshowSettings:properties"), "--version");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.err).contains("sun.misc.unsafe.memory.access = allow");
    }

    @Test
    void aBadJavaHomeIsNamed() throws Exception {
        Run run = run(Map.of("JAVA_HOME", temp.toString()), "--version");

        assertThat(run.exitCode).isEqualTo(ExitCodes.JVM_ERROR);
        assertThat(run.err).contains("JAVA_HOME is " + temp);
    }

    @Test
    void aLinkToTheLauncherWorksFromAnywhere() throws Exception {
        Path link = Files.createSymbolicLink(temp.resolve("wal"), WAL.toAbsolutePath());

        Process process = new ProcessBuilder(link.toString(), "--version").directory(temp.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isZero();
        assertThat(out).startsWith("wal ");
    }

    private Run run(Map<String, String> environment, String... args) throws Exception {
        return run(environment, null, args);
    }

    private Run run(Map<String, String> environment, Path stdin, String... args) throws IOException,
            InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(concat(WAL.toString(), args));
        builder.environment().putAll(environment);
        builder.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
                : ProcessBuilder.Redirect.from(stdin.toFile()));
        Path out = temp.resolve("out-" + System.nanoTime());
        Path err = temp.resolve("err-" + System.nanoTime());
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all;
    }

    private record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit code " + exitCode + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }
}
