package dev.ketch.server.config;

import java.util.ArrayList;
import java.util.List;

/**
 * glibc's {@code getopt_long} in its default (permuting) mode, which is how memcached reads its
 * command line: bundled short options ({@code -vv}), attached or separate values ({@code -p11211},
 * {@code -p 11211}), {@code --name=value} or {@code --name value}, unambiguous abbreviations of
 * long names ({@code --mem=64}), {@code --} ending the options, and operands skipped wherever they
 * are. Diagnostics carry glibc's exact wording; like glibc, an error yields the option code
 * {@code '?'}.
 */
final class Getopt {

    /** Whether a long option takes a value. */
    enum Argument {
        NONE,
        REQUIRED,
        /** Only as {@code --name=value}; a following word is never taken. */
        OPTIONAL
    }

    /** One entry of the long option table; {@code code} is what {@link #next()} reports. */
    record LongOption(String name, Argument argument, int code) {
    }

    /**
     * One parsed option: its code (the short option letter, a long option's code, or {@code '?'}),
     * its value or null, and for {@code '?'} glibc's diagnostic line for stderr.
     */
    record Option(int code, String value, String diagnostic) {
    }

    static final int ERROR = '?';

    private final String programName;
    private final String[] args;
    private final String shortOptions;
    private final List<LongOption> longOptions;
    private int index;
    /** Position inside a bundle of short options, 0 when the next word must be examined. */
    private int bundlePos;

    Getopt(String programName, String[] args, String shortOptions, List<LongOption> longOptions) {
        this.programName = programName;
        this.args = args.clone();
        this.shortOptions = shortOptions;
        this.longOptions = List.copyOf(longOptions);
    }

    /** The next option, or null when the command line has no more. */
    Option next() {
        if (bundlePos > 0) {
            return shortOption();
        }
        while (index < args.length) {
            String word = args[index];
            if (word.equals("--")) {
                index = args.length;
                return null;
            }
            if (word.startsWith("--")) {
                index++;
                return longOption(word.substring(2));
            }
            if (word.startsWith("-") && word.length() > 1) {
                bundlePos = 1;
                return shortOption();
            }
            index++; // an operand: memcached ignores them
        }
        return null;
    }

    private Option shortOption() {
        String word = args[index];
        char c = word.charAt(bundlePos++);
        boolean bundleDone = bundlePos >= word.length();
        int spec = c == ':' || c == ';' ? -1 : shortOptions.indexOf(c);
        if (spec < 0) {
            finishBundleIf(bundleDone);
            return error(programName + ": invalid option -- '" + c + "'");
        }
        boolean takesValue = spec + 1 < shortOptions.length() && shortOptions.charAt(spec + 1) == ':';
        if (!takesValue) {
            finishBundleIf(bundleDone);
            return new Option(c, null, null);
        }
        String value;
        if (!bundleDone) {
            value = word.substring(bundlePos);
        } else if (index + 1 < args.length) {
            value = args[++index];
        } else {
            finishBundleIf(true);
            return error(programName + ": option requires an argument -- '" + c + "'");
        }
        finishBundleIf(true);
        return new Option(c, value, null);
    }

    private void finishBundleIf(boolean done) {
        if (done) {
            bundlePos = 0;
            index++;
        }
    }

    private Option longOption(String text) {
        int eq = text.indexOf('=');
        String name = eq < 0 ? text : text.substring(0, eq);
        LongOption found = null;
        List<LongOption> candidates = new ArrayList<>();
        for (LongOption o : longOptions) {
            if (o.name().equals(name)) {
                found = o;
                break;
            }
            if (o.name().startsWith(name)) {
                candidates.add(o);
            }
        }
        if (found == null) {
            if (candidates.isEmpty()) {
                return error(programName + ": unrecognized option '--" + text + "'");
            }
            if (!allEquivalent(candidates)) {
                StringBuilder msg = new StringBuilder(programName)
                        .append(": option '--").append(text).append("' is ambiguous; possibilities:");
                for (LongOption o : candidates) {
                    msg.append(" '--").append(o.name()).append('\'');
                }
                return error(msg.toString());
            }
            found = candidates.get(0);
        }
        if (eq >= 0) {
            if (found.argument() == Argument.NONE) {
                return error(programName + ": option '--" + found.name() + "' doesn't allow an argument");
            }
            return new Option(found.code(), text.substring(eq + 1), null);
        }
        if (found.argument() == Argument.REQUIRED) {
            if (index >= args.length) {
                return error(programName + ": option '--" + found.name() + "' requires an argument");
            }
            return new Option(found.code(), args[index++], null);
        }
        return new Option(found.code(), null, null);
    }

    /** glibc does not call a prefix ambiguous when every match would behave the same. */
    private static boolean allEquivalent(List<LongOption> options) {
        LongOption first = options.get(0);
        for (LongOption o : options) {
            if (o.code() != first.code() || o.argument() != first.argument()) {
                return false;
            }
        }
        return true;
    }

    private static Option error(String diagnostic) {
        return new Option(ERROR, null, diagnostic);
    }
}
