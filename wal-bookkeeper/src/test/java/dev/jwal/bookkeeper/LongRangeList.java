package dev.jwal.bookkeeper;

import java.util.List;
import java.util.stream.LongStream;

/** LSN lists for assertions. */
final class LongRangeList {
    private LongRangeList() {
    }

    /** {@code from} (inclusive) to {@code to} (exclusive). */
    static List<Long> of(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }
}
