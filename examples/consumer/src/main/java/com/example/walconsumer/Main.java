package com.example.walconsumer;

import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.codec.Codecs;
import dev.jwal.api.config.WalConfig;
import dev.jwal.core.Wal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Appends a few entries with the codec named by the first argument (default {@code json}) to a fresh log in
 * the directory named by the second (default: a temporary one), reopens the log, recovers it, and checks
 * that it gets back what it wrote. Exits 1 if it does not.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws IOException {
        String codec = args.length > 0 ? args[0] : "json";
        Path directory = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("wal-consumer-");
        deleteRecursively(directory);

        List<WalEntry> written = List.of(
                new WalEntry.CreateNamespace("docs"),
                new WalEntry.Upsert("docs", List.of(
                        new SerializedVector("v1", new float[] {0.1f, 0.2f}, "{\"title\":\"a\"}"),
                        SerializedVector.of("v2", 1.5f, -2.25f))),
                new WalEntry.Delete("docs", List.of("v1")));

        WalConfig config = WalConfig.builder(directory).codec(codec).build();
        try (WriteAheadLog log = Wal.open(config)) {
            for (WalEntry entry : written) {
                log.append(entry);
            }
        }

        List<WalEntry> recovered = new ArrayList<>();
        try (WriteAheadLog log = Wal.open(config); RecordCursor replay = log.recover()) {
            replay.forEachRemaining((LogRecord record) -> recovered.add(record.entry()));
        }

        Module codecModule = Codecs.byName(codec).getClass().getModule();
        System.out.printf("%s (%s, module %s, codec from module %s): appended %d, recovered %d%n",
                codec, config.format().cliName(), Main.class.getModule().getName(), codecModule.getName(),
                written.size(), recovered.size());
        if (!recovered.equals(written)) {
            System.err.println("recovered " + recovered + ", expected " + written);
            System.exit(1);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
