package dev.ketch.it.parity;

import java.util.ArrayList;
import java.util.List;

/**
 * A second meta-protocol behaviour table ({@code mg ms md ma me mn}) focused on whole flows, run like the
 * {@link TextProtocolTable}: every row against real memcached and Ketch, replies byte for byte
 * alike, documented replies checked against memcached itself. CAS uniques are compared as they
 * are (both servers assign them in the same order); rows avoid TTLs other than -1, which could
 * straddle a clock tick on one server only.
 */
public final class MetaFlowsTable {

    private MetaFlowsTable() {
    }

    /** All rows, in run order. */
    public static List<Exchange> rows() {
        List<Exchange> rows = new ArrayList<>();
        rows.addAll(metaGet());
        rows.addAll(metaSet());
        rows.addAll(metaDeleteAndArithmetic());
        rows.addAll(tokensAndStale());
        rows.addAll(errors());
        return rows;
    }

    /** The row key prefix for row {@code index}: "m" + 3-digit row number + "_". */
    public static String keyPrefix(int index) {
        return String.format("m%03d_", index);
    }

    private static List<Exchange> metaGet() {
        return List.of(
                Exchange.named("mg: HD without v, VA with the value, flags in request order")
                        .send("ms {k}a 2 F5\r\nhi\r\n").line("HD")
                        .send("mg {k}a\r\n").line("HD")
                        .send("mg {k}a k v f s t\r\n").line("VA 2 k{k}a f5 s2 t-1").line("hi"),
                Exchange.named("mg: a miss is EN, echoing O and k; q hides it; mn ends the pipeline")
                        .send("mg {k}x v k Oab s\r\n").line("EN k{k}x Oab")
                        .send("mg {k}x v q\r\nmg {k}x q k\r\nmn\r\n").line("MN"),
                Exchange.named("mg: q never hides a hit")
                        .send("ms {k}a 1\r\nx\r\n").line("HD")
                        .send("mg {k}a q\r\nmg {k}a v q\r\n").line("HD").line("VA 1").line("x"),
                Exchange.named("mg: h and l show the state before this request; u does not bump")
                        .send("ms {k}a 3\r\nhit\r\n").line("HD")
                        .send("mg {k}a u h\r\n").line("HD h0")
                        .send("mg {k}a h\r\n").line("HD h0")
                        .send("mg {k}a h\r\n").line("HD h1"),
                Exchange.named("mg: N creates an empty item and wins once, then Z; c shows its CAS")
                        .send("mg {k}a N0 s v c\r\n").lines(2)
                        .send("mg {k}a N0 s v c\r\n").lines(2)
                        .send("mg {k}a s N0 q\r\n").line("HD s0 Z"),
                Exchange.named("mg: T and R apply where they stand in the request")
                        .send("ms {k}a 1\r\nx\r\n").line("HD")
                        .send("mg {k}a T100 R200\r\n").line("HD W")
                        .send("ms {k}b 1\r\nx\r\n").line("HD")
                        .send("mg {k}b R200 T100\r\n").line("HD")
                        .send("mg {k}b T0 t\r\n").line("HD t-1"),
                Exchange.named("mg: an opaque too long is an error, after the flags before it took effect")
                        .send("mg {k}a N0 O123456789012345678901234567890123\r\n")
                        .line("CLIENT_ERROR opaque token too long")
                        .send("mg {k}a s\r\n").line("HD s0")
                        .send("mg {k}b q O123456789012345678901234567890123\r\n")
                        .line("CLIENT_ERROR opaque token too long"),
                Exchange.named("mg/ms: base64 keys, memcached's lenient decoder, key echoed encoded")
                        .send("ms 44OG44K544OI 2 b k\r\npo\r\n").line("HD k44OG44K544OI b")
                        .send("mg 44OG44K544OI v\r\n").line("EN")
                        .send("mg 4-4OG44K!544OI b k v\r\n").line("VA 2 k44OG44K544OI b").line("po")
                        .send("mg Zm9vYg==Zm9v b k\r\n").line("EN kZm9vYg== b")
                        .send("mg Zm9vYg b k\r\n").line("CLIENT_ERROR error decoding key"),
                Exchange.named("mg: large chunked value")
                        .send("ms {k}a 600000\r\n" + "v".repeat(600_000) + "\r\n").line("HD")
                        .send("mg {k}a s v\r\n").lines(2));
    }

    private static List<Exchange> metaSet() {
        return List.of(
                Exchange.named("ms: modes set, add, append, prepend, replace; invalid mode swallows the block")
                        .send("ms {k}a 2 ME\r\nbb\r\n").line("HD")
                        .send("ms {k}a 2 ME\r\nzz\r\n").line("NS")
                        .send("ms {k}a 2 MA\r\ncc\r\n").line("HD")
                        .send("ms {k}a 2 MP\r\naa\r\n").line("HD")
                        .send("ms {k}b 2 MR\r\nzz\r\n").line("NS")
                        .send("ms {k}a 2 MZ\r\ntt\r\n").line("CLIENT_ERROR invalid mode for ms M token")
                        .send("mg {k}a v\r\n").line("VA 6").line("aabbcc"),
                Exchange.named("ms: C compares the CAS; c returns the new one or 0")
                        .send("ms {k}a 2 c\r\nbo\r\n").line()
                        .send("ms {k}a 2 c C1\r\nio\r\n").line("EX c0")
                        .send("ms {k}b 2 c C1\r\nio\r\n").line("NF c0")
                        .send("ms {k}a 2 c k O1 MA C1\r\nio\r\n").line("EX c0 k{k}a O1"),
                Exchange.named("ms: q hides only HD")
                        .send("ms {k}a 1 q\r\nx\r\nms {k}a 1 q ME\r\nx\r\nms {k}a 1 q C1\r\nx\r\nmn\r\n")
                        .line("NS").line("EX").line("MN"),
                Exchange.named("ms: errors before the length leave the block to be parsed, later ones swallow it")
                        .send("ms {k}a abc\r\nxx\r\n").line("CLIENT_ERROR bad command line format").line("ERROR")
                        .send("ms {k}a 2 T1 T1\r\nxx\r\n").line("CLIENT_ERROR duplicate flag")
                        .send("ms {k}a 2 Fx\r\nxx\r\n").line("CLIENT_ERROR bad command line format")
                        .send("ms {k}a 2 q\r\nxxx\r\n").line("CLIENT_ERROR bad data chunk").line("ERROR")
                        .send("mg {k}a\r\n").line("EN"),
                Exchange.named("ms: too large is swallowed and removes the old value in any mode")
                        .send("ms {k}a 1\r\nx\r\n").line("HD")
                        .send("ms {k}a 1048577 ME\r\n" + "x".repeat(1048577) + "\r\n")
                        .line("SERVER_ERROR object too large for cache")
                        .send("mg {k}a\r\n").line("EN"));
    }

    private static List<Exchange> metaDeleteAndArithmetic() {
        return List.of(
                Exchange.named("md: HD, NF, EX on a CAS mismatch; q hides only HD; O and k echoed, c ignored")
                        .send("ms {k}a 1\r\nx\r\n").line("HD")
                        .send("md {k}a C1 q\r\n").line("EX")
                        .send("md {k}a k O9 c\r\n").line("HD k{k}a O9")
                        .send("md {k}a q\r\nmd {k}a q\r\nmn\r\n").line("NF").line("NF").line("MN"),
                Exchange.named("ma: incr/decr modes, v, N with J, q hides only an update")
                        .send("ma {k}a\r\n").line("NF")
                        .send("ma {k}a q N0 J13\r\n").line("HD")
                        .send("ma {k}a v D30\r\n").line("VA 2").line("43")
                        .send("ma {k}a v MD D9000\r\n").line("VA 1").line("0")
                        .send("ma {k}a q\r\nmn\r\n").line("MN")
                        .send("ma {k}a v c t M-\r\n").lines(2),
                Exchange.named("ma: a T on a growing number does not reach the stored item (memcached 1.6.18)")
                        .send("ms {k}a 1\r\n9\r\n").line("HD")
                        .send("ma {k}a T500 v\r\n").line("VA 2").line("10")
                        .send("mg {k}a t\r\n").line("HD t-1"),
                Exchange.named("ma: errors")
                        .send("ms {k}a 2\r\nab\r\n").line("HD")
                        .send("ma {k}a q\r\n").line("CLIENT_ERROR cannot increment or decrement non-numeric value")
                        .send("ma {k}a Mx\r\n").line("CLIENT_ERROR invalid mode for ma M token")
                        .send("ma {k}a D-1\r\n").line("CLIENT_ERROR invalid or duplicate flag"),
                Exchange.named("me: EN on a miss; a b flag that does not decode is a format error")
                        .send("me {k}a\r\n").line("EN")
                        .send("ms {k}a 2\r\nhi\r\n").line("HD")
                        .send("me YWJj b\r\n").line("EN")
                        .send("me {k}a b\r\n").line("CLIENT_ERROR bad command line format"));
    }

    private static List<Exchange> tokensAndStale() {
        return List.of(
                Exchange.named("md I: stale, new CAS, next mg wins (X W), others see Z X; stale set with ms I")
                        .send("ms {k}a 3\r\nmoo\r\n").line("HD")
                        .send("md {k}a I\r\n").line("HD")
                        .send("mg {k}a v c\r\n").lines(2)
                        .send("mg {k}a v\r\n").line("VA 3 Z X").line("moo")
                        .send("ms {k}a 1 I C1\r\nf\r\n").line("HD")
                        .send("mg {k}a v\r\n").line("VA 1 Z X").line("f")
                        .send("ms {k}a 1\r\ng\r\n").line("HD")
                        .send("mg {k}a v\r\n").line("VA 1").line("g"),
                Exchange.named("mg R: win only once and only for items that expire")
                        .send("ms {k}a 1\r\nx\r\n").line("HD")
                        .send("mg {k}a R200\r\n").line("HD")
                        .send("ms {k}b 1 T100\r\nx\r\n").line("HD")
                        .send("mg {k}b R200\r\nmg {k}b R200\r\n").line("HD W").line("HD Z"));
    }

    private static List<Exchange> errors() {
        return List.of(
                Exchange.named("meta command errors, never quiet")
                        .send("mg\r\n").line("ERROR")
                        .send("mz {k}a\r\n").line("ERROR")
                        .send("mn x y\r\n").line("MN")
                        .send("me\r\n").line("CLIENT_ERROR bad command line format")
                        .send("mg {k}a v v\r\n").line("CLIENT_ERROR duplicate flag")
                        .send("mg {k}a q z\r\n").line("CLIENT_ERROR invalid flag")
                        .send("mg {k}a Tx\r\n").line("CLIENT_ERROR bad token in command line format")
                        .send("mg {k}a Mxy\r\n").line("CLIENT_ERROR incorrect length for M token")
                        .send("md {k}a Tx\r\n").line("CLIENT_ERROR invalid or duplicate flag")
                        .send("mg {k}a a b c d e f g h i j k l m n o p q r\r\n")
                        .line("CLIENT_ERROR options flags are too long")
                        .send("md {k}a a b c d e f g h i j k l m n o p q r\r\n")
                        .line("CLIENT_ERROR options flags too long")
                        .send("mg {k:251}\r\n").line("CLIENT_ERROR bad command line format"));
    }
}
