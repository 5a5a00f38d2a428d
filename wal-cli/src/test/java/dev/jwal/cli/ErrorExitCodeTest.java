package dev.jwal.cli;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.WalConfig;
import dev.jwal.core.Wal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Errors of the JVM (out of memory above all) get their own exit code, never the one of a corrupt log. */
class ErrorExitCodeTest {
    @TempDir
    Path temp;

    @Test
    void outOfMemoryInACommandExitsWithItsOwnCodeAndAClearMessageNotTheCorruptionCode() {
        Run run = runFailing(new OutOfMemoryError("Java heap space"));

        assertThat(run.exitCode).isEqualTo(ExitCodes.JVM_ERROR).isNotEqualTo(ExitCodes.CORRUPT);
        assertThat(run.err).isEqualTo("wal fail: out of memory (java.lang.OutOfMemoryError: Java heap space); run it "
                + "with a larger heap, e.g. WAL_OPTS=-Xmx4g wal ..." + System.lineSeparator());
    }

    @Test
    void anotherErrorInACommandExitsWithTheJvmErrorCode() {
        Run run = runFailing(new StackOverflowError());

        assertThat(run.exitCode).isEqualTo(ExitCodes.JVM_ERROR);
        assertThat(run.err).startsWith("wal fail: the JVM failed: java.lang.StackOverflowError");
        assertThat(run.err.lines()).hasSize(1);
    }

    @Test
    void theExitCodeOfJvmErrorsIsInTheUsageHelp() {
        Cli.Result help = Cli.run("dump", "--help");

        assertThat(help.out()).contains("5   the JVM failed: out of memory");
    }

    @Test
    void aRecordTooLargeForTheHeapEndsARealDumpWithTheJvmErrorCodeNotTheCorruptionCode() throws Exception {
        Path log = temp.resolve("log");
        try (WriteAheadLog wal = Wal.open(WalConfig.builder(log).codec("kryo").build())) {
            wal.append(new WalEntry.Upsert("docs", List.of(new SerializedVector("big", new float[8 << 20], null))));
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx24m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), WalCommand.class.getName(), "dump", log.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(err).isEqualTo(ExitCodes.JVM_ERROR);
        assertThat(err).startsWith("wal dump: out of memory (java.lang.OutOfMemoryError");
        assertThat(err.lines()).hasSize(1);
    }

    private static Run runFailing(Error error) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine commandLine = WalCommand.commandLine(new CliStreams(new ByteArrayInputStream(new byte[0]), out, err));
        commandLine.addSubcommand(new FailingCommand(error));
        int exitCode = commandLine.execute("fail");
        return new Run(exitCode, err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String err) {
    }

    /** A command that fails with the error it is given, as a real one might deep in the library. */
    @Command(name = "fail")
    static final class FailingCommand extends LogCommand {
        private final Error error;

        FailingCommand(Error error) {
            this.error = error;
        }

        @Override
        protected int execute() {
            throw error;
        }
    }
}
