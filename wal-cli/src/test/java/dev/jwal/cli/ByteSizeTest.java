package dev.jwal.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sizes in human units, read ({@code --segment-size 64MiB}) and written ({@code wal stats}). */
class ByteSizeTest {
    @TempDir
    Path temp;

    @Test
    void sizesAreReadWithBinaryAndDecimalUnits() {
        assertThat(ByteSize.parse("4096")).isEqualTo(4096);
        assertThat(ByteSize.parse("200B")).isEqualTo(200);
        assertThat(ByteSize.parse("64MiB")).isEqualTo(64L << 20);
        assertThat(ByteSize.parse("64mib")).isEqualTo(64L << 20);
        assertThat(ByteSize.parse("64M")).isEqualTo(64L << 20);
        assertThat(ByteSize.parse("1.5GiB")).isEqualTo(3L << 29);
        assertThat(ByteSize.parse("256 KiB")).isEqualTo(256L << 10);
        assertThat(ByteSize.parse("500MB")).isEqualTo(500_000_000L);
        assertThat(ByteSize.parse("1kB")).isEqualTo(1000);
        assertThat(ByteSize.parse("2TiB")).isEqualTo(2L << 40);
    }

    @Test
    void whatIsNotASizeIsRefusedWithAReason() {
        assertThatThrownBy(() -> ByteSize.parse("lots")).hasMessageContaining("is not a size");
        assertThatThrownBy(() -> ByteSize.parse("-1MiB")).hasMessageContaining("is not a size");
        assertThatThrownBy(() -> ByteSize.parse("64XB")).hasMessageContaining("unknown unit 'XB'");
        assertThatThrownBy(() -> ByteSize.parse("1.5B")).hasMessageContaining("not a whole number of bytes");
        assertThatThrownBy(() -> ByteSize.parse("9000000TiB")).hasMessageContaining("too large");
    }

    @Test
    void sizesAreWrittenInTheLargestBinaryUnit() {
        assertThat(ByteSize.format(0)).isEqualTo("0 B");
        assertThat(ByteSize.format(1023)).isEqualTo("1023 B");
        assertThat(ByteSize.format(1024)).isEqualTo("1 KiB");
        assertThat(ByteSize.format(1536)).isEqualTo("1.5 KiB");
        assertThat(ByteSize.format(3L << 19)).isEqualTo("1.5 MiB");
        assertThat(ByteSize.format(64L << 20)).isEqualTo("64 MiB");
        assertThat(ByteSize.format((64L << 20) + 1)).isEqualTo("64 MiB");
        assertThat(ByteSize.format((1L << 30) - 1)).isEqualTo("1023 MiB");
        assertThat(ByteSize.format(Long.MAX_VALUE)).isEqualTo("7.9 EiB");
    }

    @Test
    void appendTakesTheSegmentSizeWithAUnit() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lines.add(Lines.upsert("v" + i, i, 2 * i));
        }
        Path small = temp.resolve("small");
        Path large = temp.resolve("large");

        Cli.Result kib = Cli.runWithLines(lines, "append", small, "--segment-size", "1KiB");
        Cli.Result mib = Cli.runWithLines(lines, "append", large, "--segment-size", "64MiB");

        assertThat(kib.exitCode()).as(kib.toString()).isZero();
        assertThat(mib.exitCode()).as(mib.toString()).isZero();
        assertThat(Lines.segments(large)).hasSize(1);
        assertThat(Lines.segments(small)).hasSizeGreaterThan(3);
        for (Path segment : Lines.segments(small).subList(0, Lines.segments(small).size() - 1)) {
            assertThat(Files.size(segment)).as(segment.toString()).isBetween(512L, 2048L);
        }
        assertThat(Cli.run("dump", small).out()).isEqualTo(Cli.run("dump", large).out());
    }

    @Test
    void convertTakesTheSegmentSizeWithAUnit() {
        Path log = temp.resolve("log");
        Cli.runWithLines(List.of(Lines.CREATE, Lines.UPSERT), "append", log);

        Cli.Result convert = Cli.run("convert", log, temp.resolve("kryo"), "--codec", "kryo", "--segment-size", "64MiB");

        assertThat(convert.exitCode()).as(convert.toString()).isZero();
    }
}
