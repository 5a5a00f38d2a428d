package dev.jwal.core.segment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentNameTest {
    @Test
    void nameIsTheFirstLsnInTwentyDigits() {
        assertThat(SegmentName.of(0)).isEqualTo("00000000000000000000.wal");
        assertThat(SegmentName.of(1234)).isEqualTo("00000000000000001234.wal");
    }

    @Test
    void parsesOursAndTheReferencesNames() {
        assertThat(SegmentName.parse("00000000000000001234.wal")).hasValue(1234);
        assertThat(SegmentName.parse("00000000000000000001.wal")).hasValue(1);
    }

    @Test
    void otherFilesAreNotSegments() {
        assertThat(SegmentName.parse("checkpoint")).isEmpty();
        assertThat(SegmentName.parse("wal.lock")).isEmpty();
        assertThat(SegmentName.parse("0000000000000000001a.wal")).isEmpty();
        assertThat(SegmentName.parse(".wal")).isEmpty();
        assertThat(SegmentName.parse("00000000000000000001.wal.tmp")).isEmpty();
        assertThat(SegmentName.parse("99999999999999999999.wal")).isEmpty();
    }
}
