package dev.ketch.server.config;

import java.util.ArrayList;
import java.util.List;

/** Splits a test's command line at spaces; single quotes group, so '' is an empty word. */
final class ShellWords {

    private ShellWords() {
    }

    static String[] split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                word = word == null ? new StringBuilder() : word;
            } else if (c == ' ' && !quoted) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words.toArray(new String[0]);
    }
}
