package dev.ketch.client.routing;

import java.util.ArrayList;
import java.util.List;

/** Collects disagreements with a vectors file and fails once, with the first few, at the end. */
final class Mismatches {

    private static final int SHOWN = 5;

    private final String what;
    private final List<String> examples = new ArrayList<>();
    private int count;
    private int checked;

    Mismatches(String what) {
        this.what = what;
    }

    void check(boolean ok, String description) {
        checked++;
        if (!ok) {
            count++;
            if (examples.size() < SHOWN) {
                examples.add(description);
            }
        }
    }

    /** Fails if anything disagreed; else returns how many checks passed. */
    int verify() {
        if (count > 0) {
            throw new AssertionError(what + ": " + count + " of " + checked + " disagree with libmemcached, e.g.\n  "
                    + String.join("\n  ", examples));
        }
        return checked;
    }
}
