package dev.ketch.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GetoptTest {

    /** Every option as "c" or "c=value", errors as "?:diagnostic". */
    private static List<String> options(String... args) {
        Getopt g = new Getopt("memcached", args, CommandLine.SHORT_OPTIONS, CommandLine.LONG_OPTIONS);
        List<String> out = new ArrayList<>();
        for (Getopt.Option o = g.next(); o != null; o = g.next()) {
            String name = o.code() == CommandLine.ENABLE_DEBUGTIME ? "debugtime" : String.valueOf((char) o.code());
            if (o.code() == Getopt.ERROR) {
                out.add("?:" + o.diagnostic());
            } else {
                out.add(o.value() == null ? name : name + "=" + o.value());
            }
        }
        return out;
    }

    @Test
    void bundledFlagsAndAttachedValues() {
        assertEquals(List.of("v", "v", "v"), options("-vvv"));
        assertEquals(List.of("p=11211"), options("-p11211"));
        assertEquals(List.of("v", "p=11211"), options("-vp11211"));
        assertEquals(List.of("v", "p=11211"), options("-vp", "11211"));
        assertEquals(List.of("o=a,b=c", "o=no_modern"), options("-o", "a,b=c", "-o", "no_modern"));
    }

    @Test
    void aValueMayStartWithADash() {
        assertEquals(List.of("p=-1", "c=-1"), options("-p", "-1", "-c", "-1"));
        assertEquals(List.of("p=-v"), options("--port", "-v"));
    }

    @Test
    void longOptionsWithEqualsOrNextWordAndAbbreviations() {
        assertEquals(List.of("p=11211", "m=64"), options("--port=11211", "--memory-limit", "64"));
        assertEquals(List.of("b=77"), options("--listen-b=77"));
        assertEquals(List.of("l=127.0.0.1"), options("--listen=127.0.0.1")); // exact match beats listen-backlog
        assertEquals(List.of("V"), options("--vers"));
        assertEquals(List.of("N=2"), options("--napi-ids=2"));
        assertEquals(List.of("debugtime"), options("--enable-debugtime"));
        assertEquals(List.of("p="), options("--port="));
    }

    @Test
    void verboseTakesAnOptionalValueOnlyAfterEquals() {
        assertEquals(List.of("v=3"), options("--verbose=3"));
        assertEquals(List.of("v"), options("--verbose", "3")); // "3" is an operand
    }

    @Test
    void operandsAreSkippedWhereverTheyAreAndDoubleDashEndsOptions() {
        assertEquals(List.of("p=1", "v"), options("foo", "-p", "1", "bar", "-v", "-"));
        assertEquals(List.of("v"), options("-v", "--", "-x", "-p"));
    }

    @Test
    void glibcDiagnostics() {
        assertEquals(List.of("?:memcached: invalid option -- 'x'"), options("-x"));
        assertEquals(List.of("v", "?:memcached: invalid option -- 'x'", "v"), options("-vxv"));
        assertEquals(List.of("?:memcached: option requires an argument -- 'p'"), options("-p"));
        assertEquals(List.of("?:memcached: unrecognized option '--foo=bar'"), options("--foo=bar"));
        assertEquals(List.of("?:memcached: option '--port' requires an argument"), options("--port"));
        assertEquals(List.of("?:memcached: option '--user' requires an argument"), options("--us"));
        assertEquals(List.of("?:memcached: option '--help' doesn't allow an argument"), options("--help=3"));
        assertEquals(List.of("?:memcached: option '--p=1' is ambiguous; possibilities: '--port' '--pidfile' '--protocol'"),
                options("--p=1"));
        assertEquals(List.of("?:memcached: option '--v' is ambiguous; possibilities: '--version' '--verbose'"),
                options("--v"));
        assertEquals(List.of("?:memcached: unrecognized option '--napi_ids=1'"), options("--napi_ids=1"));
    }

    @Test
    void colonIsNeverAnOption() {
        assertEquals(List.of("?:memcached: invalid option -- ':'"), options("-:"));
    }
}
