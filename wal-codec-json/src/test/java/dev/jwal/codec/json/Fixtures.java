package dev.jwal.codec.json;

import dev.jwal.api.WalEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The reference's logs in src/test/resources/dakera-json (see its README.md), read for tests. */
final class Fixtures {
    static final JsonEntryCodec CODEC = new JsonEntryCodec();

    private Fixtures() {
    }

    /** One {@code LSN|JSON} line of a segment file. */
    record WalLine(String segment, long lsn, byte[] json, boolean terminated) {
        WalEntry decode() {
            return CODEC.decode(json, 0, json.length);
        }

        @Override
        public String toString() {
            return segment + "@" + lsn;
        }
    }

    static Path root() {
        URL url = Fixtures.class.getResource("/dakera-json");
        if (url == null) {
            throw new IllegalStateException("test resource dakera-json is missing");
        }
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every fixture folder's name, sorted. */
    static List<String> names() {
        try (Stream<Path> children = Files.list(root())) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixtures written with script files (all but the hand-made {@code readonly_corrupt_tail}). */
    static List<String> scripted() {
        return names().stream().filter(name -> Files.exists(root().resolve(name).resolve("script.jsonl"))).collect(Collectors.toList());
    }

    /** Every line of every segment of {@code fixture}, segments in numeric order. */
    static List<WalLine> walLines(String fixture) {
        List<WalLine> lines = new ArrayList<>();
        try (Stream<Path> segments = Files.list(root().resolve(fixture).resolve("wal"))) {
            for (Path segment : segments.sorted(Comparator.comparingLong(Fixtures::segmentNumber)).collect(Collectors.toList())) {
                byte[] bytes = Files.readAllBytes(segment);
                int start = 0;
                while (start < bytes.length) {
                    int newline = indexOf(bytes, (byte) '\n', start);
                    int end = newline < 0 ? bytes.length : newline;
                    int bar = indexOf(bytes, (byte) '|', start);
                    long lsn = Long.parseLong(new String(bytes, start, bar - start, StandardCharsets.US_ASCII));
                    lines.add(new WalLine(segment.getFileName().toString(), lsn, Arrays.copyOfRange(bytes, bar + 1, end), newline >= 0));
                    start = end + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** The lines of a text file of the fixture, e.g. {@code log-entries.jsonl}. */
    static List<String> textLines(String fixture, String file) {
        try {
            return Files.readAllLines(root().resolve(fixture).resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entries of a {@code .jsonl} file of the fixture, decoded with the codec. */
    static List<WalEntry> entries(String fixture, String file) {
        return textLines(fixture, file).stream().map(CODEC::fromJson).collect(Collectors.toList());
    }

    /** Every entry line of the fixture's script files, in session order, without CHECKPOINT and FLUSH commands. */
    static List<String> scriptEntryLines(String fixture) {
        List<String> lines = new ArrayList<>();
        for (String file : List.of("script.jsonl", "script2.jsonl", "script3.jsonl")) {
            if (Files.exists(root().resolve(fixture).resolve(file))) {
                textLines(fixture, file).stream().filter(line -> line.startsWith("{")).forEach(lines::add);
            }
        }
        return lines;
    }

    static List<WalEntry> withoutMarkers(List<WalEntry> entries) {
        return entries.stream().filter(entry -> !entry.isMarker()).collect(Collectors.toList());
    }

    private static long segmentNumber(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.indexOf('.')));
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
