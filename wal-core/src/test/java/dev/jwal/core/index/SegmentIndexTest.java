package dev.jwal.core.index;

import dev.jwal.core.segment.SegmentFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The in-memory index: which offered records become entries, which entry a seek gets, and its file form. */
class SegmentIndexTest {

    /** Records of 1000 bytes from offset 31, LSNs from 100: entries at LSNs 105, 110 and 115. */
    private static SegmentIndex indexOfRecords(int count) {
        SegmentIndex index = new SegmentIndex();
        for (int i = 0; i < count; i++) {
            index.offer(100 + i, 31 + 1000L * i);
        }
        return index;
    }

    @Test
    void aRecordBecomesAnEntryOnlyAnIntervalAfterTheLastEntry() {
        SegmentIndex index = indexOfRecords(20);
        assertThat(index.entries().offsets()).containsExactly(5031, 10031, 15031);
        assertThat(index.entries().lsns()).containsExactly(105, 110, 115);
    }

    @Test
    void offeringTheSameRecordsAgainAddsNothing() {
        SegmentIndex index = indexOfRecords(20);
        for (int i = 0; i < 20; i++) {
            index.offer(100 + i, 31 + 1000L * i);
        }
        assertThat(index.size()).isEqualTo(3);
    }

    @Test
    void aSeekGetsTheLastEntryAtOrBelowTheLsn() {
        SegmentIndex index = indexOfRecords(20);
        assertThat(index.floor(104, Long.MAX_VALUE)).isNull();
        assertThat(index.floor(105, Long.MAX_VALUE)).isEqualTo(new IndexEntry(105, 5031));
        assertThat(index.floor(112, Long.MAX_VALUE)).isEqualTo(new IndexEntry(110, 10031));
        assertThat(index.floor(10_000, Long.MAX_VALUE)).isEqualTo(new IndexEntry(115, 15031));
    }

    @Test
    void aSeekNeverGetsAnEntryPastWhatTheReaderMayRead() {
        SegmentIndex index = indexOfRecords(20);
        assertThat(index.floor(10_000, 15031)).isEqualTo(new IndexEntry(110, 10031));
    }

    @Test
    void cuttingTheSegmentForgetsTheEntriesPastTheCut() {
        SegmentIndex index = indexOfRecords(20);
        index.truncate(15031);
        assertThat(index.entries().lsns()).containsExactly(105, 110);
        index.offer(114, 14031);
        index.offer(115, 15031);
        assertThat(index.entries().lsns()).containsExactly(105, 110, 115);
    }

    @Test
    void aWrongIndexIsForgottenAndRebuiltFromWhatReadersOffer() {
        SegmentIndex index = indexOfRecords(20);
        index.wrong(Path.of("00000000000000000100.wal"), new IndexEntry(105, 5031), "a test says so");
        assertThat(index.size()).isZero();
        index.offer(105, 5031);
        assertThat(index.entries().lsns()).containsExactly(105);
    }

    @Test
    void anIndexFileReadsBackAsTheIndexItWasWrittenFrom() throws SegmentIndexFile.Invalid {
        SegmentIndex index = indexOfRecords(20);
        SegmentFile segment = new SegmentFile(Path.of("00000000000000000100.wal"), 100);
        byte[] file = SegmentIndexFile.encode(100, 20_031, index.entries());
        assertThat(file).hasSize(38 + 16 * 3);
        SegmentIndex read = SegmentIndexFile.decode(file, segment, 20_031);
        assertThat(read.entries().lsns()).containsExactly(index.entries().lsns());
        assertThat(read.entries().offsets()).containsExactly(index.entries().offsets());
    }

    @Test
    void anIndexFileOfASegmentCutSinceItWasWrittenIsRefused() {
        SegmentFile segment = new SegmentFile(Path.of("00000000000000000100.wal"), 100);
        byte[] file = SegmentIndexFile.encode(100, 20_031, indexOfRecords(20).entries());
        assertThatThrownBy(() -> SegmentIndexFile.decode(file, segment, 20_030))
                .isInstanceOf(SegmentIndexFile.Invalid.class).hasMessageContaining("was cut since");
    }

    @Test
    void noIndexFileIsReadPastWhatAValidOneOfItsSegmentCanHold() {
        assertThat(SegmentIndexFile.maxLength(64L << 20)).isEqualTo(38 + 16 * ((64 << 20) / 512 + 1));
        assertThat(SegmentIndexFile.maxLength(Long.MAX_VALUE)).isEqualTo(SegmentIndexFile.MAX_FILE);
    }
}
