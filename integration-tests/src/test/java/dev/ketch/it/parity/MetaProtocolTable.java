package dev.ketch.it.parity;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The meta-command behaviour table (mg, ms, md, ma, mn, me): every row is run against real
 * memcached and the Ketch server, and both must reply byte for byte alike, up to the
 * {@link ReplyShape#META} normalizations (CAS labels; TTL and last-access seconds rounded to 10).
 * Where a row documents a reply, real memcached 1.6.18 is checked to give exactly that.
 *
 * <p>Requests are written as given; keys use the {@code {k}} prefix placeholder, {@code {cas}} is
 * the last CAS a reply showed, {@code {b64:...}} base64-encodes (see {@link Exchange}).
 */
public final class MetaProtocolTable {

    private MetaProtocolTable() {
    }

    /** All rows, in run order. */
    public static List<Exchange> rows() {
        List<Exchange> rows = new ArrayList<>();
        rows.addAll(metaGet());
        rows.addAll(recacheAndStale());
        rows.addAll(metaSet());
        rows.addAll(metaDelete());
        rows.addAll(metaArithmetic());
        rows.addAll(noopAndDebug());
        rows.addAll(errors());
        return rows;
    }

    /** The row key prefix for row {@code index}: "m" + 3-digit row number + "_". */
    public static String keyPrefix(int index) {
        return String.format("m%03d_", index);
    }

    private static List<Exchange> metaGet() {
        String pipelineSets = IntStream.range(0, 10).filter(i -> i % 2 == 0)
                .mapToObj(i -> "ms {k}p" + i + " 2\r\nv" + i + "\r\n").collect(Collectors.joining());
        String pipelineGets = IntStream.range(0, 10)
                .mapToObj(i -> "mg {k}p" + i + " v k q O" + i + "\r\n").collect(Collectors.joining()) + "mn\r\n";
        return List.of(
                Exchange.named("mg of a missing key is EN, with or without flags")
                        .send("mg {k}a\r\n").meta("EN")
                        .send("mg {k}a v c t\r\n").meta("EN"),
                Exchange.named("mg without flags answers HD on a hit; v answers VA with the data block")
                        .send("ms {k}a 2\r\nhi\r\n").meta("HD")
                        .send("mg {k}a\r\n").meta("HD")
                        .send("mg {k}a v\r\n").meta("VA 2\r\nhi"),
                Exchange.named("mg returns the flags asked for, in the order asked: s v t f k c O")
                        .send("ms {k}a 5 F77 T1000\r\nhello\r\n").meta("HD")
                        .send("mg {k}a s v t f k c Oabc\r\n").meta("VA 5 s5 t<1000s> f77 k{k}a c<cas1> Oabc\r\nhello")
                        .send("mg {k}a Oxyz k c f t s\r\n").meta("HD Oxyz k{k}a c<cas1> f77 t<1000s> s5"),
                Exchange.named("mg t is -1 without expiry; T sets a new TTL and t shows it")
                        .send("ms {k}a 1\r\nx\r\n").meta("HD")
                        .send("mg {k}a t\r\n").meta("HD t-1")
                        .send("mg {k}a T100 t\r\n").meta("HD t<100s>")
                        .send("mg {k}a t v\r\n").meta("VA 1 t<100s>\r\nx"),
                Exchange.named("mg h and l show whether the item was hit and when, before this request")
                        .send("ms {k}a 1\r\nx\r\n").meta("HD")
                        .send("mg {k}a h l\r\n").meta("HD h0 l<0s>")
                        .send("mg {k}a h l\r\n").meta("HD h1 l<0s>"),
                Exchange.named("mg u does not count as a hit")
                        .send("ms {k}a 1\r\nx\r\n").meta("HD")
                        .send("mg {k}a u h\r\n").meta("HD h0")
                        .send("mg {k}a h\r\n").meta("HD h0"),
                Exchange.named("mg q: a miss answers nothing, a hit still answers; mn answers MN")
                        .send("ms {k}a 1\r\nx\r\n").meta("HD")
                        .send("mg {k}missing v q\r\nmg {k}a v q\r\nmn\r\n")
                        .meta("VA 1\r\nx").meta("MN"),
                Exchange.named("pipelined mg q with opaques and keys, misses silent, terminated by mn")
                        .send(pipelineSets).lines(5, "HD")
                        .send(pipelineGets).meta("VA 2 k{k}p0 O0\r\nv0").meta("VA 2 k{k}p2 O2\r\nv2")
                        .meta("VA 2 k{k}p4 O4\r\nv4").meta("VA 2 k{k}p6 O6\r\nv6").meta("VA 2 k{k}p8 O8\r\nv8")
                        .meta("MN"),
                Exchange.named("mg with a base64 key (b); k returns the key still encoded")
                        .send("ms {b64:{k}\u0001bin key} 1 b\r\nx\r\n").meta("HD")
                        .send("mg {b64:{k}\u0001bin key} b k v\r\n").meta()
                        .send("mg {k}\u0001bin v\r\n").meta(),
                Exchange.named("mg accepts the ignored proxy flags P and L")
                        .send("ms {k}a 1\r\nx\r\n").meta("HD")
                        .send("mg {k}a v P/path Lroute\r\n").meta("VA 1\r\nx"),
                Exchange.named("mg of an expired item is EN")
                        .send("ms {k}a 1 T-1\r\nx\r\n").meta("HD")
                        .send("mg {k}a v\r\n").meta("EN"));
    }

    private static List<Exchange> recacheAndStale() {
        return List.of(
                Exchange.named("mg N on a miss vivifies an empty item and wins (W); the next client sees Z")
                        .send("mg {k}a N30 v c t\r\n").meta("VA 0 c<cas1> t<30s> W\r\n")
                        .send("mg {k}a N30 v c t\r\n").meta("VA 0 c<cas1> t<30s> Z\r\n")
                        .send("ms {k}a 3 C{cas}\r\nnew\r\n").meta("HD")
                        .send("mg {k}a v\r\n").meta("VA 3\r\nnew"),
                Exchange.named("mg R wins the recache once the TTL is below the token; later clients see Z")
                        .send("ms {k}a 1 T30\r\nx\r\n").meta("HD")
                        .send("mg {k}a R10 v\r\n").meta("VA 1\r\nx")
                        .send("mg {k}a R60 v\r\n").meta("VA 1 W\r\nx")
                        .send("mg {k}a R60 v\r\n").meta("VA 1 Z\r\nx"),
                Exchange.named("md I marks an item stale: mg answers X and W once, then X and Z")
                        .send("ms {k}a 3\r\nold\r\n").meta("HD")
                        .send("md {k}a I T30\r\n").meta("HD")
                        .send("mg {k}a v c t\r\n").meta("VA 3 c<cas1> t<30s> X W\r\nold")
                        .send("mg {k}a v\r\n").meta("VA 3 Z X\r\nold")
                        .send("ms {k}a 3 C{cas}\r\nnew\r\n").meta("HD")
                        .send("mg {k}a v\r\n").meta("VA 3\r\nnew"),
                Exchange.named("ms I with an older CAS stores but marks the item stale")
                        .send("ms {k}a 1 c\r\nx\r\n").meta("HD c<cas1>")
                        .send("ms {k}a 1\r\ny\r\n").meta("HD")
                        .send("ms {k}a 1 I C1\r\nz\r\n").meta("HD")
                        .send("mg {k}a v\r\n").meta("VA 1 X W\r\nz"));
    }

    private static List<Exchange> metaSet() {
        return List.of(
                Exchange.named("ms answers HD and the flags asked for: c k O b; F and T are stored")
                        .send("ms {k}a 5 F3 T0 c k Oxy\r\nhello\r\n").meta("HD c<cas1> k{k}a Oxy")
                        .send("mg {k}a f t v\r\n").meta("VA 5 f3 t-1\r\nhello"),
                Exchange.named("ms modes: E adds, R replaces, A appends, P prepends, S sets")
                        .send("ms {k}a 1 MR\r\nr\r\n").meta("NS")
                        .send("ms {k}a 1 ME\r\nb\r\n").meta("HD")
                        .send("ms {k}a 1 ME\r\nx\r\n").meta("NS")
                        .send("ms {k}a 1 MA\r\nc\r\n").meta("HD")
                        .send("ms {k}a 1 MP\r\na\r\n").meta("HD")
                        .send("mg {k}a v\r\n").meta("VA 3\r\nabc")
                        .send("ms {k}a 1 MS\r\nz\r\n").meta("HD")
                        .send("ms {k}missing 1 MA\r\nx\r\n").meta("NS")
                        .send("ms {k}a 1 Ms\r\nz\r\n").meta("CLIENT_ERROR invalid mode for ms M token"),
                Exchange.named("ms C: the current CAS stores, an old one is EX, a missing key NF")
                        .send("ms {k}a 2 c\r\nv1\r\n").meta("HD c<cas1>")
                        .send("ms {k}a 2 C{cas} c\r\nv2\r\n").meta("HD c<cas2>")
                        .send("ms {k}a 2 C1\r\nv3\r\n").meta("EX")
                        .send("ms {k}missing 2 C1\r\nv3\r\n").meta("NF")
                        .send("mg {k}a v\r\n").meta("VA 2\r\nv2"),
                Exchange.named("ms q suppresses HD but not NS; mn ends the pipeline")
                        .send("ms {k}a 1 q\r\nx\r\nms {k}a 1 ME q\r\ny\r\nmn\r\n").meta("NS").meta("MN")
                        .send("mg {k}a v\r\n").meta("VA 1\r\nx"),
                Exchange.named("ms with a base64 key")
                        .send("ms {b64:{k}b64} 2 b k\r\nok\r\n").meta()
                        .send("mg {k}b64 v\r\n").meta("VA 2\r\nok"),
                Exchange.named("ms of an empty value and of binary data")
                        .send("ms {k}e 0\r\n\r\n").meta("HD")
                        .send("mg {k}e v s\r\n").meta("VA 0 s0\r\n")
                        .send("ms {k}b 4\r\n\r\n\u0000\u00ff\r\n").meta("HD")
                        .send("mg {k}b v\r\n").meta("VA 4\r\n\r\n\u0000\u00ff"),
                Exchange.named("ms with a data block longer than announced is CLIENT_ERROR bad data chunk")
                        .send("ms {k}a 2\r\nabc\r\n").meta().line()
                        .send("mg {k}a v\r\n").meta("EN"),
                Exchange.named("ms over the item size limit is a SERVER_ERROR and the data is swallowed")
                        .send("ms {k}a 2097152\r\n" + "x".repeat(2097152) + "\r\n").meta()
                        .send("mg {k}a v\r\n").meta("EN"),
                Exchange.named("ms with an invalid mode is a CLIENT_ERROR and its data block is swallowed")
                        .send("ms {k}a 1 MX\r\nx\r\n").meta("CLIENT_ERROR invalid mode for ms M token")
                        .send("ms {k}a 1 MSS\r\nx\r\n").meta("CLIENT_ERROR incorrect length for M token")
                        .send("mg {k}a v\r\n").meta("EN"),
                Exchange.named("ms with a bad, negative or missing datalen is a CLIENT_ERROR")
                        .send("ms {k}a abc\r\n").meta()
                        .send("ms {k}a\r\n").meta()
                        .send("ms {k}a -1\r\n").meta());
    }

    private static List<Exchange> metaDelete() {
        return List.of(
                Exchange.named("md deletes: HD, then NF; k and O come back")
                        .send("ms {k}a 1\r\nx\r\n").meta("HD")
                        .send("md {k}a k O1\r\n").meta("HD k{k}a O1")
                        .send("md {k}a k O2\r\n").meta("NF k{k}a O2")
                        .send("mg {k}a v\r\n").meta("EN"),
                Exchange.named("md q hides HD but not NF")
                        .send("ms {k}a 1\r\nx\r\n").meta("HD")
                        .send("md {k}a q\r\nmd {k}a q\r\nmn\r\n").meta("NF").meta("MN"),
                Exchange.named("md C deletes only with the current CAS")
                        .send("ms {k}a 1 c\r\nx\r\n").meta("HD c<cas1>")
                        .send("md {k}a C1\r\n").meta("EX")
                        .send("md {k}a C{cas}\r\n").meta("HD"),
                Exchange.named("md with a base64 key")
                        .send("ms {k}bin 1\r\nx\r\n").meta("HD")
                        .send("md {b64:{k}bin} b\r\n").meta("HD")
                        .send("mg {k}bin v\r\n").meta("EN"));
    }

    private static List<Exchange> metaArithmetic() {
        return List.of(
                Exchange.named("ma increments by 1, D sets the delta, MD and M- decrement, v returns the value")
                        .send("ms {k}n 2\r\n10\r\n").meta("HD")
                        .send("ma {k}n\r\n").meta("HD")
                        .send("ma {k}n v\r\n").meta("VA 2\r\n12")
                        .send("ma {k}n D10 v\r\n").meta("VA 2\r\n22")
                        .send("ma {k}n MD D5 v\r\n").meta("VA 2\r\n17")
                        .send("ma {k}n M- v\r\n").meta("VA 2\r\n16")
                        .send("ma {k}n M+ v\r\n").meta("VA 2\r\n17")
                        .send("ma {k}n MI v\r\n").meta("VA 2\r\n18")
                        .send("ma {k}n M+ MI v\r\n").meta("CLIENT_ERROR invalid or duplicate flag")
                        .send("mg {k}n v\r\n").meta("VA 2\r\n18"),
                Exchange.named("ma on a missing key is NF; N creates it with J as the initial value")
                        .send("ma {k}n v\r\n").meta("NF")
                        .send("ma {k}n N0 J100 v\r\n").meta("VA 3\r\n100")
                        .send("ma {k}n N0 J100 v\r\n").meta("VA 3\r\n101")
                        .send("ma {k}m N0 v t\r\n").meta("VA 1 t-1\r\n0"),
                Exchange.named("ma decrement stops at 0; increment wraps around at 2^64")
                        .send("ms {k}n 1\r\n5\r\n").meta("HD")
                        .send("ma {k}n MD D100 v\r\n").meta("VA 1\r\n0")
                        .send("ms {k}m 20\r\n18446744073709551615\r\n").meta("HD")
                        .send("ma {k}m D2 v\r\n").meta("VA 1\r\n1"),
                Exchange.named("ma q hides HD but not NF; C checks the CAS; t and c come back")
                        .send("ms {k}n 1 T1000\r\n1\r\n").meta("HD")
                        .send("ma {k}n q\r\nma {k}missing q\r\nmn\r\n").meta("NF").meta("MN")
                        .send("ma {k}n C1\r\n").meta("EX")
                        .send("ma {k}n t c\r\n").meta("HD t<1000s> c<cas1>")
                        .send("ma {k}n C{cas} v\r\n").meta("VA 1\r\n4"),
                Exchange.named("ma on a non-numeric value, with a bad delta, initial value or mode is a CLIENT_ERROR")
                        .send("ms {k}s 3\r\nabc\r\n").meta("HD")
                        .send("ma {k}s\r\n").meta("CLIENT_ERROR cannot increment or decrement non-numeric value")
                        .send("ma {k}s Dx\r\n").meta("CLIENT_ERROR invalid or duplicate flag")
                        .send("ma {k}s MX\r\n").meta("CLIENT_ERROR invalid mode for ma M token")
                        .send("ma {k}s N0 Jx\r\n").meta("CLIENT_ERROR invalid or duplicate flag"));
    }

    private static List<Exchange> noopAndDebug() {
        return List.of(
                Exchange.named("mn answers MN, also with arguments")
                        .send("mn\r\n").meta("MN")
                        .send("mn extra\r\n").meta("MN"),
                Exchange.named("me shows an item's metadata; a miss is EN")
                        .send("ms {k}a 5 T1000\r\nhello\r\n").meta("HD")
                        .send("me {k}a\r\n").meta()
                        .send("me {k}missing\r\n").meta("EN"),
                Exchange.named("meta commands and text commands mix on one connection and share CAS values")
                        .send("set {k}a 7 0 2\r\nhi\r\n").line("STORED")
                        .send("mg {k}a f v c\r\n").meta("VA 2 f7 c<cas1>\r\nhi")
                        .send("gets {k}a\r\n").values()
                        .send("ms {k}a 2 C{cas}\r\nyo\r\n").meta("HD")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 2\r\nyo\r\nEND\r\n"));
    }

    private static List<Exchange> errors() {
        return List.of(
                Exchange.named("an unknown flag is CLIENT_ERROR invalid flag; flags known to another command are ignored")
                        .send("mg {k}a !\r\n").meta("CLIENT_ERROR invalid flag")
                        .send("md {k}a v\r\n").meta("NF")
                        .send("ma {k}a s\r\n").meta("NF"),
                Exchange.named("meta commands without a key are ERROR")
                        .send("mg\r\n").meta("ERROR")
                        .send("ms\r\n").meta("ERROR")
                        .send("md\r\n").meta("ERROR")
                        .send("ma\r\n").meta("ERROR"),
                Exchange.named("a key over 250 bytes is CLIENT_ERROR bad command line format")
                        .send("mg {k:251} v\r\n").meta("CLIENT_ERROR bad command line format")
                        .send("md {k:251}\r\n").meta()
                        .send("ma {k:251}\r\n").meta()
                        .send("ms {k:251} 1\r\nx\r\n").meta().line(),
                Exchange.named("an opaque token over 32 bytes (its O included) is CLIENT_ERROR opaque token too long")
                        .send("mg {k}a O" + "o".repeat(32) + "\r\n").meta("CLIENT_ERROR opaque token too long")
                        .send("ms {k}a 1\r\nx\r\n").meta("HD")
                        .send("mg {k}a O" + "o".repeat(31) + " v\r\n").meta("VA 1 O" + "o".repeat(31) + "\r\nx"),
                Exchange.named("a key that is not valid base64 is a CLIENT_ERROR")
                        .send("mg !!!! b v\r\n").meta()
                        .send("ms !!!! 1 b\r\nx\r\n").meta("CLIENT_ERROR error decoding key"),
                Exchange.named("bad numeric tokens: N, T, R, C and F")
                        .send("mg {k}a Nx\r\n").meta()
                        .send("mg {k}a Tx\r\n").meta()
                        .send("mg {k}a Rx\r\n").meta()
                        .send("ms {k}a 1 Cx\r\nx\r\n").meta("CLIENT_ERROR bad token in command line format")
                        .send("ms {k}a 1 Fx\r\nx\r\n").meta()
                        .send("mg {k}a v\r\n").meta("EN"),
                Exchange.named("two-letter commands that are not meta commands are ERROR")
                        .send("mx {k}a\r\n").line("ERROR")
                        .send("MG {k}a\r\n").line("ERROR"));
    }
}
