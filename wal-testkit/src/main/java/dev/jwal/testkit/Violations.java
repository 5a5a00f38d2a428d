package dev.jwal.testkit;

import java.util.ArrayList;
import java.util.List;

/** What a {@link HistoryCheck} found broken, one line each: the first 50 kept, the rest only counted. */
final class Violations {
    private static final int MAX_VIOLATIONS = 50;

    private final List<String> violations = new ArrayList<>();
    private int count;

    /** Adds a violation, {@link String#format formatted}. */
    void add(String format, Object... arguments) {
        count++;
        if (violations.size() < MAX_VIOLATIONS) {
            violations.add(String.format(format, arguments));
        }
    }

    /** The violations kept, and a last line saying how many more there were, if any. */
    List<String> listed() {
        List<String> listed = new ArrayList<>(violations);
        if (count > violations.size()) {
            listed.add("... and " + (count - violations.size()) + " more");
        }
        return listed;
    }
}
