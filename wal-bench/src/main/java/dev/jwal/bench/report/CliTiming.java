package dev.jwal.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code bench/append-cli.sh} measured: {@code wal append} as a whole process, and in the same run the
 * same input into a kryo framed log and through the reference implementation.
 *
 * @param entries          entries appended
 * @param dimension        floats per entry
 * @param inputBytes       size of the JSON-lines input
 * @param medianSeconds    the median wall time of the json runs
 * @param runs             the json runs' wall times, in seconds
 * @param tool             how it was timed
 * @param command          the command timed
 * @param kryoSeconds      the median of the kryo framed runs; NaN when not timed
 * @param referenceSeconds the median of the reference's runs on the same input; NaN when it was not timed
 * @param referenceRuns    the reference's wall times, in seconds ("" when not timed)
 */
record CliTiming(long entries, int dimension, long inputBytes, double medianSeconds, String runs, String tool,
                 String command, double kryoSeconds, double referenceSeconds, String referenceRuns) {
    /** The reference (Rust) read 135 MB of input (100,000 entries of 128 floats); the target is in targets.json. */
    static final double REFERENCE_INPUT_BYTES = 135e6;

    static Optional<CliTiming> read(Path file) throws IOException {
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode node = new ObjectMapper().readTree(file.toFile());
        JsonNode reference = node.path("reference");
        return Optional.of(new CliTiming(node.path("entries").asLong(), node.path("dimension").asInt(),
                node.path("inputBytes").asLong(), node.path("medianSeconds").asDouble(Double.NaN),
                node.path("runs").toString(), node.path("tool").asText(), node.path("command").asText(),
                node.path("kryo").path("medianSeconds").asDouble(Double.NaN),
                reference.path("medianSeconds").asDouble(Double.NaN),
                reference.has("runs") ? reference.path("runs").toString() : ""));
    }

    double opsPerSecond() {
        return entries / medianSeconds;
    }

    /** The median scaled to the reference's 135 MB of input. */
    double secondsPer135Mb() {
        return medianSeconds * REFERENCE_INPUT_BYTES / inputBytes;
    }

    /** Whether the reference was timed on the same input in the same run. */
    boolean hasReference() {
        return !Double.isNaN(referenceSeconds);
    }
}
