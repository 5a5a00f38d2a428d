package com.example.walsmile;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.WalConfig;
import dev.jwal.core.Wal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A log written with the third-party codec, found by name through ServiceLoader alone. */
class SmileLogTest {
    @TempDir
    Path dir;

    @Test
    void aLogWrittenWithTheSmileCodecRecoversWhatWasAppended() {
        WalEntry upsert = new WalEntry.Upsert("ns", List.of(new SerializedVector("v", new float[]{Float.NaN, 1f}, null)));
        try (WriteAheadLog log = Wal.open(WalConfig.builder(dir).codec("smile").build())) {
            log.append(new WalEntry.CreateNamespace("ns"));
            log.append(upsert);
        }
        try (WriteAheadLog log = Wal.open(WalConfig.builder(dir).codec("smile").build());
             var replay = log.recover()) {
            List<WalEntry> entries = new ArrayList<>();
            replay.forEachRemaining(record -> entries.add(record.entry()));
            assertThat(entries).containsExactly(new WalEntry.CreateNamespace("ns"), upsert);
        }
    }
}
