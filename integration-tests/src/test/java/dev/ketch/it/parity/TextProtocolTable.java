package dev.ketch.it.parity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The text-protocol behaviour table: every row is run against real memcached and the Ketch
 * server, and both must reply byte for byte alike (see {@link ReplyShape} for the few
 * normalizations). Where a row documents an expected reply, real memcached 1.6.18 is checked to
 * give exactly that, so the table cannot silently drift from the reference.
 *
 * <p>To add a behaviour, add a row: requests are written exactly as given, keys use the
 * {@code {k}} prefix placeholder (see {@link Exchange}). Servers are flushed before each row and
 * run with {@code -m 64} and the default 1 MiB item size limit.
 */
public final class TextProtocolTable {

    /** Key prefix length: "r" + 3-digit row number + "_". */
    public static final int KEY_PREFIX_LENGTH = 5;
    /** memcached's default item size limit (-I 1m). */
    private static final int ITEM_SIZE_MAX = 1024 * 1024;

    private TextProtocolTable() {
    }

    /** All rows, in run order (rows that change server-wide state come last). */
    public static List<Exchange> rows() {
        List<Exchange> rows = new ArrayList<>();
        rows.addAll(storage());
        rows.addAll(badStorageLines());
        rows.addAll(dataBlocks());
        rows.addAll(addReplaceAppendPrepend());
        rows.addAll(cas());
        rows.addAll(retrieval());
        rows.addAll(keyLength());
        rows.addAll(touchAndDelete());
        rows.addAll(incrDecr());
        rows.addAll(expiry());
        rows.addAll(flushAll());
        rows.addAll(lineHandling());
        rows.addAll(miscCommands());
        rows.addAll(endOfConnection());
        return rows;
    }

    /** The row key prefix for row {@code index}, {@value #KEY_PREFIX_LENGTH} bytes long. */
    public static String keyPrefix(int index) {
        return String.format("r%03d_", index);
    }

    private static List<Exchange> storage() {
        return List.of(
                Exchange.named("set stores a value; get returns it with its flags")
                        .send("set {k}a 123 0 5\r\nhello\r\n").line("STORED")
                        .send("get {k}a\r\n").values("VALUE {k}a 123 5\r\nhello\r\nEND\r\n"),
                Exchange.named("set overwrites value and flags of an existing item")
                        .send("set {k}a 1 0 1\r\nx\r\n").line("STORED")
                        .send("set {k}a 2 0 3\r\nyyy\r\n").line("STORED")
                        .send("get {k}a\r\n").values("VALUE {k}a 2 3\r\nyyy\r\nEND\r\n"),
                Exchange.named("set of an empty value")
                        .send("set {k}a 0 0 0\r\n\r\n").line("STORED")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 0\r\n\r\nEND\r\n"),
                Exchange.named("values are binary safe: CRLF, END and NUL inside the data block")
                        .send("set {k}a 0 0 10\r\na\r\nEND\r\n\0b\r\n").line("STORED")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 10\r\na\r\nEND\r\n\0b\r\nEND\r\n"),
                Exchange.named("all 8-bit byte values survive a round trip")
                        .send("set {k}a 0 0 256\r\n" + allBytes() + "\r\n").line("STORED")
                        .send("get {k}a\r\n").values(),
                Exchange.named("set noreply stores without replying")
                        .send("set {k}a 0 0 1 noreply\r\nx\r\n")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 1\r\nx\r\nEND\r\n"),
                Exchange.named("keys may hold UTF-8 and other non-space bytes")
                        .send("set {k}" + utf8("é✓") + "\t\u0001 0 0 1\r\nx\r\n").line("STORED")
                        .send("get {k}" + utf8("é✓") + "\t\u0001\r\n").values(),
                Exchange.named("flags 0 and 2^32-1 round-trip")
                        .send("set {k}a 4294967295 0 1\r\nx\r\n").line("STORED")
                        .send("set {k}b 0 0 1\r\ny\r\n").line("STORED")
                        .send("get {k}a {k}b\r\n")
                        .values("VALUE {k}a 4294967295 1\r\nx\r\nVALUE {k}b 0 1\r\ny\r\nEND\r\n"),
                Exchange.named("flags of 2^32 and more are taken modulo 2^32 (64-bit memcached)")
                        .send("set {k}a 4294967296 0 1\r\nx\r\n").line("STORED")
                        .send("set {k}b 4294967301 0 1\r\ny\r\n").line("STORED")
                        .send("get {k}a {k}b\r\n")
                        .values("VALUE {k}a 0 1\r\nx\r\nVALUE {k}b 5 1\r\ny\r\nEND\r\n"));
    }

    private static List<Exchange> badStorageLines() {
        List<Exchange> rows = new ArrayList<>();
        String[][] badFields = {
                {"negative flags", "set {k}a -1 0 1"},
                {"non-numeric flags", "set {k}a abc 0 1"},
                {"flags beyond 64 bits", "set {k}a 99999999999999999999 0 1"},
                {"non-numeric exptime", "set {k}a 0 abc 1"},
                {"exptime beyond 64 bits", "set {k}a 0 99999999999999999999 1"},
                {"negative length", "set {k}a 0 0 -1"},
                {"non-numeric length", "set {k}a 0 0 x1"},
                {"length beyond 64 bits", "set {k}a 0 0 99999999999999999999"},
                {"length of 2^32-1 (-1 once truncated to 32 bits)", "set {k}a 0 0 4294967295"},
                {"length above INT_MAX-2", "set {k}a 0 0 2147483646"},
                {"non-numeric cas unique", "cas {k}a 0 0 1 abc"},
                {"negative cas unique", "cas {k}a 0 0 1 -1"},
        };
        for (String[] bad : badFields) {
            rows.add(Exchange.named("storage command with " + bad[0]
                            + " is a CLIENT_ERROR; the data line is then read as a command")
                    .send(bad[1] + "\r\nx\r\n").line("CLIENT_ERROR bad command line format").line("ERROR")
                    .send("get {k}a\r\n").values("END\r\n"));
        }
        rows.add(Exchange.named("exptime beyond 32 bits is truncated to 32 bits (here: a past absolute time)")
                .send("set {k}a 0 99999999999 1\r\nx\r\n").line("STORED")
                .send("get {k}a\r\n").values("END\r\n"));
        rows.add(Exchange.named("length of 2^32 is truncated to 0, so the data line is a bad data chunk")
                .send("set {k}a 0 0 4294967296\r\nx\r\n").line("CLIENT_ERROR bad data chunk").line("ERROR")
                .send("set {k}a 0 0 4294967297\r\nx\r\n").line("STORED")
                .send("get {k}a\r\n").values("VALUE {k}a 0 1\r\nx\r\nEND\r\n"));
        rows.add(Exchange.named("noreply also silences the CLIENT_ERROR of a malformed storage line")
                .send("set {k}a 0 0 abc noreply\r\nx\r\n").line("ERROR")
                .send("get {k}a\r\n").values("END\r\n"));
        String[] wrongTokenCounts = {
                "set {k}a 0 0", "set {k}a 0 0 1 noreply extra", "add {k}a 0 0", "replace {k}a",
                "append {k}a 0 0 1 noreply extra", "prepend {k}a 0", "cas {k}a 0 0 1",
                "cas {k}a 0 0 1 1 noreply extra", "set"};
        for (String line : wrongTokenCounts) {
            rows.add(Exchange.named("storage line with a wrong token count is ERROR: " + line)
                    .send(line + "\r\n").line("ERROR"));
        }
        return rows;
    }

    private static List<Exchange> dataBlocks() {
        int keyLength = KEY_PREFIX_LENGTH + 3;
        int max = maxValueLength(keyLength, false);
        int maxWithFlags = maxValueLength(keyLength, true);
        return List.of(
                Exchange.named("data block longer than announced: bad data chunk, old value kept, rest read as a command")
                        .send("set {k}a 0 0 3\r\nold\r\n").line("STORED")
                        .send("set {k}a 0 0 3\r\nabcd\r\n").line("CLIENT_ERROR bad data chunk").line("ERROR")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 3\r\nold\r\nEND\r\n"),
                Exchange.named("data block shorter than announced: the following bytes complete it")
                        .send("set {k}a 0 0 5\r\nabc\r\n\r\n").line("STORED")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 5\r\nabc\r\n\r\nEND\r\n"),
                Exchange.named("data block shorter than announced swallows the start of the next command")
                        .send("set {k}a 0 0 5\r\nabc\r\nget {k}a\r\n")
                        .line("CLIENT_ERROR bad data chunk").line("ERROR")
                        .send("get {k}a\r\n").values("END\r\n"),
                Exchange.named("data block without CRLF terminator is a bad data chunk")
                        .send("set {k}a 0 0 3\r\nabcXY").line("CLIENT_ERROR bad data chunk")
                        .send("get {k}a\r\n").values("END\r\n"),
                Exchange.named("the largest value that fits the 1 MiB item limit is stored, one byte more is too large")
                        .send("set {k}big 0 0 " + max + "\r\n" + "v".repeat(max) + "\r\n").line("STORED")
                        .send("get {k}big\r\n").values()
                        .send("set {k}big 0 0 " + (max + 1) + "\r\n" + "w".repeat(max + 1) + "\r\n")
                        .line("SERVER_ERROR object too large for cache"),
                Exchange.named("non-zero flags take 4 bytes of the item size limit")
                        .send("set {k}big 1 0 " + maxWithFlags + "\r\n" + "v".repeat(maxWithFlags) + "\r\n")
                        .line("STORED")
                        .send("set {k}big 1 0 " + (maxWithFlags + 1) + "\r\n" + "w".repeat(maxWithFlags + 1)
                                + "\r\n").line("SERVER_ERROR object too large for cache"),
                Exchange.named("too-large set: SERVER_ERROR, data swallowed, and the old value is deleted")
                        .send("set {k}a 0 0 3\r\nold\r\n").line("STORED")
                        .send("set {k}a 0 0 2097152\r\n" + "x".repeat(2097152) + "\r\n")
                        .line("SERVER_ERROR object too large for cache")
                        .send("get {k}a\r\n").values("END\r\n"),
                Exchange.named("too-large add, replace, append and prepend keep the old value")
                        .send("set {k}a 0 0 3\r\nold\r\n").line("STORED")
                        .send("add {k}a 0 0 1048577\r\n" + "x".repeat(1048577) + "\r\n")
                        .line("SERVER_ERROR object too large for cache")
                        .send("replace {k}a 0 0 1048577\r\n" + "x".repeat(1048577) + "\r\n")
                        .line("SERVER_ERROR object too large for cache")
                        .send("append {k}a 0 0 1048577\r\n" + "x".repeat(1048577) + "\r\n")
                        .line("SERVER_ERROR object too large for cache")
                        .send("prepend {k}a 0 0 1048577\r\n" + "x".repeat(1048577) + "\r\n")
                        .line("SERVER_ERROR object too large for cache")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 3\r\nold\r\nEND\r\n"),
                Exchange.named("too-large set with noreply is silent and still swallows the data")
                        .send("set {k}a 0 0 1048577 noreply\r\n" + "x".repeat(1048577) + "\r\n")
                        .send("get {k}a\r\n").values("END\r\n"));
    }

    private static List<Exchange> addReplaceAppendPrepend() {
        return List.of(
                Exchange.named("add stores only when the key is absent")
                        .send("add {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("add {k}a 0 0 1\r\ny\r\n").line("NOT_STORED")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 1\r\nx\r\nEND\r\n"),
                Exchange.named("add noreply is silent whether it stores or not")
                        .send("add {k}a 0 0 1 noreply\r\nx\r\n")
                        .send("add {k}a 0 0 1 noreply\r\ny\r\n")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 1\r\nx\r\nEND\r\n"),
                Exchange.named("add succeeds over an expired item")
                        .send("set {k}a 0 -1 1\r\nx\r\n").line("STORED")
                        .send("add {k}a 0 0 1\r\ny\r\n").line("STORED")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 1\r\ny\r\nEND\r\n"),
                Exchange.named("replace stores only when the key exists")
                        .send("replace {k}a 0 0 1\r\nx\r\n").line("NOT_STORED")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("replace {k}a 7 0 1\r\ny\r\n").line("STORED")
                        .send("get {k}a\r\n").values("VALUE {k}a 7 1\r\ny\r\nEND\r\n"),
                Exchange.named("replace noreply is silent whether it stores or not")
                        .send("replace {k}a 0 0 1 noreply\r\nx\r\n")
                        .send("get {k}a\r\n").values("END\r\n")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("replace {k}a 0 0 1 noreply\r\ny\r\n")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 1\r\ny\r\nEND\r\n"),
                Exchange.named("append and prepend keep the flags and exptime of the existing item")
                        .send("set {k}a 5 0 1\r\n1\r\n").line("STORED")
                        .send("append {k}a 9 -1 1\r\n2\r\n").line("STORED")
                        .send("prepend {k}a 7 -1 1\r\n0\r\n").line("STORED")
                        .send("get {k}a\r\n").values("VALUE {k}a 5 3\r\n012\r\nEND\r\n"),
                Exchange.named("append and prepend to a missing key are NOT_STORED")
                        .send("append {k}a 0 0 1\r\nx\r\n").line("NOT_STORED")
                        .send("prepend {k}a 0 0 1\r\nx\r\n").line("NOT_STORED")
                        .send("get {k}a\r\n").values("END\r\n"),
                Exchange.named("append noreply and prepend noreply are silent")
                        .send("set {k}a 0 0 1\r\nb\r\n").line("STORED")
                        .send("append {k}a 0 0 1 noreply\r\nc\r\n")
                        .send("prepend {k}a 0 0 1 noreply\r\na\r\n")
                        .send("append {k}missing 0 0 1 noreply\r\nx\r\n")
                        .send("get {k}a {k}missing\r\n").values("VALUE {k}a 0 3\r\nabc\r\nEND\r\n"),
                Exchange.named("append growing the item past the size limit is NOT_STORED and keeps the value")
                        .send("set {k}a 0 0 600000\r\n" + "x".repeat(600000) + "\r\n").line("STORED")
                        .send("append {k}a 0 0 600000\r\n" + "y".repeat(600000) + "\r\n").line("NOT_STORED")
                        .send("get {k}a\r\n").values());
    }

    private static List<Exchange> cas() {
        return List.of(
                Exchange.named("cas with the unique from gets stores; reusing the same unique is EXISTS")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("gets {k}a\r\n").values()
                        .send("cas {k}a 3 0 1 {cas}\r\ny\r\n").line("STORED")
                        .send("cas {k}a 0 0 1 {cas}\r\nz\r\n").line("EXISTS")
                        .send("gets {k}a\r\n").values(),
                Exchange.named("cas after another client's set is EXISTS and leaves that value")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("gets {k}a\r\n").values()
                        .send("set {k}a 0 0 1\r\ny\r\n").line("STORED")
                        .send("cas {k}a 0 0 1 {cas}\r\nz\r\n").line("EXISTS")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 1\r\ny\r\nEND\r\n"),
                Exchange.named("cas on a missing key is NOT_FOUND")
                        .send("cas {k}a 0 0 1 1\r\nx\r\n").line("NOT_FOUND"),
                Exchange.named("cas with unique 0 on an existing key is EXISTS")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("cas {k}a 0 0 1 0\r\ny\r\n").line("EXISTS"),
                Exchange.named("cas noreply is silent for STORED, EXISTS and NOT_FOUND")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("gets {k}a\r\n").values()
                        .send("cas {k}a 0 0 1 {cas} noreply\r\ny\r\n")
                        .send("cas {k}a 0 0 1 {cas} noreply\r\nz\r\n")
                        .send("cas {k}missing 0 0 1 1 noreply\r\nz\r\n")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 1\r\ny\r\nEND\r\n"),
                Exchange.named("every modification changes the cas unique, touch and get do not")
                        .send("set {k}a 0 0 1\r\n1\r\n").line("STORED")
                        .send("gets {k}a\r\n").values()
                        .send("touch {k}a 1000\r\n").line("TOUCHED")
                        .send("get {k}a\r\n").values()
                        .send("gets {k}a\r\n").values()
                        .send("append {k}a 0 0 1\r\n0\r\n").line("STORED")
                        .send("gets {k}a\r\n").values()
                        .send("prepend {k}a 0 0 1\r\n1\r\n").line("STORED")
                        .send("gets {k}a\r\n").values()
                        .send("incr {k}a 1\r\n").line("111")
                        .send("gets {k}a\r\n").values()
                        .send("replace {k}a 0 0 1\r\n5\r\n").line("STORED")
                        .send("gets {k}a\r\n").values(),
                Exchange.named("gets of several keys returns distinct cas uniques per item")
                        .send("set {k}a 0 0 1\r\nx\r\nset {k}b 0 0 1\r\ny\r\n").lines(2, "STORED")
                        .send("gets {k}a {k}b {k}a\r\n").values());
    }

    private static List<Exchange> retrieval() {
        String every3rd = IntStream.range(0, 300).filter(i -> i % 3 == 0)
                .mapToObj(i -> "set {k}m" + i + " " + i + " 0 " + String.valueOf(i).length() + "\r\n" + i + "\r\n")
                .collect(Collectors.joining());
        String keys300 = IntStream.range(0, 300).mapToObj(i -> "{k}m" + i).collect(Collectors.joining(" "));
        return List.of(
                Exchange.named("get of a missing key is just END")
                        .send("get {k}missing\r\n").values("END\r\n"),
                Exchange.named("multi-get returns hits in request order, skips misses, repeats duplicates")
                        .send("set {k}a 1 0 1\r\nx\r\nset {k}b 2 0 2\r\nyy\r\n").lines(2, "STORED")
                        .send("get {k}b {k}missing {k}a {k}b\r\n")
                        .values("VALUE {k}b 2 2\r\nyy\r\nVALUE {k}a 1 1\r\nx\r\nVALUE {k}b 2 2\r\nyy\r\nEND\r\n"),
                Exchange.named("get and gets with 300 keys (a line over 2048 bytes)")
                        .send(every3rd).lines(100, "STORED")
                        .send("get " + keys300 + "\r\n").values()
                        .send("gets " + keys300 + "\r\n").values(),
                Exchange.named("gat and gats with 300 keys")
                        .send(every3rd).lines(100, "STORED")
                        .send("gat 1000 " + keys300 + "\r\n").values()
                        .send("gats 0 " + keys300 + "\r\n").values(),
                Exchange.named("gat returns the value like get, gats adds the cas unique")
                        .send("set {k}a 9 0 1\r\nx\r\n").line("STORED")
                        .send("gat 100 {k}a {k}missing\r\n").values("VALUE {k}a 9 1\r\nx\r\nEND\r\n")
                        .send("gats 100 {k}a\r\n").values()
                        .send("gets {k}a\r\n").values(),
                Exchange.named("gat with a negative exptime returns the value once, then it is gone")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("gat -1 {k}a\r\n").values("VALUE {k}a 0 1\r\nx\r\nEND\r\n")
                        .send("get {k}a\r\n").values("END\r\n"),
                Exchange.named("gat with a non-numeric exptime is a CLIENT_ERROR")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("gat abc {k}a\r\n").line("CLIENT_ERROR invalid exptime argument")
                        .send("gats 1x {k}a\r\n").line("CLIENT_ERROR invalid exptime argument"),
                Exchange.named("get family without keys: get and gat alone are ERROR, gat with only an exptime is END")
                        .send("get\r\n").line("ERROR")
                        .send("gets\r\n").line("ERROR")
                        .send("gat\r\n").line("ERROR")
                        .send("gat 10\r\n").values("END\r\n")
                        .send("gats 10\r\n").values("END\r\n"),
                Exchange.named("get with trailing and repeated spaces")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("get  {k}a   {k}a \r\n").values("VALUE {k}a 0 1\r\nx\r\nVALUE {k}a 0 1\r\nx\r\nEND\r\n"));
    }

    private static List<Exchange> keyLength() {
        return List.of(
                Exchange.named("a 250-byte key works with every command")
                        .send("set {k:250} 0 0 1\r\n1\r\n").line("STORED")
                        .send("add {k:250} 0 0 1\r\n1\r\n").line("NOT_STORED")
                        .send("replace {k:250} 0 0 1\r\n2\r\n").line("STORED")
                        .send("append {k:250} 0 0 1\r\n0\r\n").line("STORED")
                        .send("incr {k:250} 1\r\n").line("21")
                        .send("touch {k:250} 100\r\n").line("TOUCHED")
                        .send("gets {k:250}\r\n").values()
                        .send("cas {k:250} 0 0 1 {cas}\r\n3\r\n").line("STORED")
                        .send("gat 100 {k:250}\r\n").values()
                        .send("delete {k:250}\r\n").line("DELETED"),
                Exchange.named("a 251-byte key is rejected by storage commands, and the data line is read as a command")
                        .send("set {k:251} 0 0 1\r\nx\r\n").line("CLIENT_ERROR bad command line format").line("ERROR")
                        .send("add {k:251} 0 0 1\r\nx\r\n").line("CLIENT_ERROR bad command line format").line("ERROR")
                        .send("cas {k:251} 0 0 1 1\r\nx\r\n").line("CLIENT_ERROR bad command line format").line("ERROR"),
                Exchange.named("a 251-byte key is rejected by get, gets, gat, delete, incr, decr and touch")
                        .send("get {k:251}\r\n").line("CLIENT_ERROR bad command line format")
                        .send("gets {k:251}\r\n").line("CLIENT_ERROR bad command line format")
                        .send("gat 0 {k:251}\r\n").line("CLIENT_ERROR bad command line format")
                        .send("delete {k:251}\r\n").line("CLIENT_ERROR bad command line format")
                        .send("incr {k:251} 1\r\n").line("CLIENT_ERROR bad command line format")
                        .send("decr {k:251} 1\r\n").line("CLIENT_ERROR bad command line format")
                        .send("touch {k:251} 1\r\n").line("CLIENT_ERROR bad command line format"),
                Exchange.named("a 251-byte key anywhere in a multi-get fails the whole get, hits included")
                        .send("set {k:250} 0 0 1\r\nx\r\n").line("STORED")
                        .send("get {k:250} {k:251} {k:250}\r\n").line("CLIENT_ERROR bad command line format")
                        .send("get {k:250}\r\n").values());
    }

    private static List<Exchange> touchAndDelete() {
        return List.of(
                Exchange.named("touch: TOUCHED for an item, NOT_FOUND otherwise, noreply silent")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("touch {k}a 100\r\n").line("TOUCHED")
                        .send("touch {k}missing 100\r\n").line("NOT_FOUND")
                        .send("touch {k}a 100 noreply\r\n")
                        .send("touch {k}missing 100 noreply\r\n")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 1\r\nx\r\nEND\r\n"),
                Exchange.named("touch with a negative exptime expires the item")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("touch {k}a -1\r\n").line("TOUCHED")
                        .send("get {k}a\r\n").values("END\r\n"),
                Exchange.named("touch with a bad exptime or token count")
                        .send("touch {k}a abc\r\n").line("CLIENT_ERROR invalid exptime argument")
                        .send("touch {k}a\r\n").line("ERROR")
                        .send("touch {k}a 1 noreply extra\r\n").line("ERROR"),
                Exchange.named("delete: DELETED, then NOT_FOUND")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("delete {k}a\r\n").line("DELETED")
                        .send("delete {k}a\r\n").line("NOT_FOUND")
                        .send("get {k}a\r\n").values("END\r\n"),
                Exchange.named("legacy 'delete key 0' is accepted, also with noreply")
                        .send("set {k}a 0 0 1\r\nx\r\nset {k}b 0 0 1\r\ny\r\n").lines(2, "STORED")
                        .send("delete {k}a 0\r\n").line("DELETED")
                        .send("delete {k}b 0 noreply\r\n")
                        .send("get {k}a {k}b\r\n").values("END\r\n"),
                Exchange.named("'delete key 10' is refused with a usage message and deletes nothing")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("delete {k}a 10\r\n")
                        .line("CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]")
                        .send("delete {k}a 10 noreply\r\n")
                        .send("delete {k}a noreply extra\r\n")
                        .line("CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 1\r\nx\r\nEND\r\n"),
                Exchange.named("delete noreply is silent for hits and misses")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("delete {k}a noreply\r\n")
                        .send("delete {k}a noreply\r\n")
                        .send("get {k}a\r\n").values("END\r\n"),
                Exchange.named("delete with a wrong token count is ERROR")
                        .send("delete\r\n").line("ERROR")
                        .send("delete {k}a 0 noreply extra\r\n").line("ERROR"));
    }

    private static List<Exchange> incrDecr() {
        return List.of(
                Exchange.named("incr and decr return the new value")
                        .send("set {k}a 0 0 2\r\n10\r\n").line("STORED")
                        .send("incr {k}a 5\r\n").line("15")
                        .send("decr {k}a 3\r\n").line("12")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 2\r\n12\r\nEND\r\n"),
                Exchange.named("incr and decr of a missing key are NOT_FOUND")
                        .send("incr {k}a 1\r\n").line("NOT_FOUND")
                        .send("decr {k}a 1\r\n").line("NOT_FOUND")
                        .send("get {k}a\r\n").values("END\r\n"),
                Exchange.named("incr wraps around at 2^64 (and the shorter result is space-padded)")
                        .send("set {k}a 0 0 20\r\n18446744073709551615\r\n").line("STORED")
                        .send("incr {k}a 1\r\n").line("0")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 20\r\n0                   \r\nEND\r\n")
                        .send("set {k}b 0 0 2\r\n10\r\n").line("STORED")
                        .send("incr {k}b 18446744073709551615\r\n").line("9"),
                Exchange.named("decr stops at 0")
                        .send("set {k}a 0 0 1\r\n5\r\n").line("STORED")
                        .send("decr {k}a 100\r\n").line("0")
                        .send("decr {k}a 1\r\n").line("0"),
                Exchange.named("a shorter result is written in place, space-padded, visible to get; longer grows the item")
                        .send("set {k}a 0 0 3\r\n100\r\n").line("STORED")
                        .send("decr {k}a 91\r\n").line("9")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 3\r\n9  \r\nEND\r\n")
                        .send("incr {k}a 1\r\n").line("10")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 3\r\n10 \r\nEND\r\n")
                        .send("incr {k}a 99999\r\n").line("100009")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 6\r\n100009\r\nEND\r\n"),
                Exchange.named("incr accepts surrounding spaces in the stored number")
                        .send("set {k}a 0 0 3\r\n 12\r\n").line("STORED")
                        .send("incr {k}a 1\r\n").line("13")
                        .send("set {k}b 0 0 3\r\n12 \r\n").line("STORED")
                        .send("incr {k}b 1\r\n").line("13")
                        .send("get {k}a {k}b\r\n").values(),
                Exchange.named("incr and decr keep the item's flags")
                        .send("set {k}a 42 0 1\r\n1\r\n").line("STORED")
                        .send("incr {k}a 1\r\n").line("2")
                        .send("decr {k}a 1\r\n").line("1")
                        .send("get {k}a\r\n").values("VALUE {k}a 42 1\r\n1\r\nEND\r\n"),
                Exchange.named("incr of a non-numeric value is a CLIENT_ERROR")
                        .send("set {k}a 0 0 3\r\nabc\r\n").line("STORED")
                        .send("incr {k}a 1\r\n").line("CLIENT_ERROR cannot increment or decrement non-numeric value")
                        .send("decr {k}a 1\r\n").line("CLIENT_ERROR cannot increment or decrement non-numeric value")
                        .send("set {k}b 0 0 0\r\n\r\n").line("STORED")
                        .send("incr {k}b 1\r\n").line("CLIENT_ERROR cannot increment or decrement non-numeric value")
                        .send("set {k}c 0 0 4\r\n0x10\r\n").line("STORED")
                        .send("incr {k}c 1\r\n").line("CLIENT_ERROR cannot increment or decrement non-numeric value")
                        .send("set {k}d 0 0 2\r\n-1\r\n").line("STORED")
                        .send("incr {k}d 1\r\n").line("CLIENT_ERROR cannot increment or decrement non-numeric value")
                        .send("set {k}e 0 0 25\r\n1234567890123456789012345\r\n").line("STORED")
                        .send("incr {k}e 1\r\n").line("CLIENT_ERROR cannot increment or decrement non-numeric value")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 3\r\nabc\r\nEND\r\n"),
                Exchange.named("a bad delta is CLIENT_ERROR invalid numeric delta argument")
                        .send("set {k}a 0 0 1\r\n1\r\n").line("STORED")
                        .send("incr {k}a abc\r\n").line("CLIENT_ERROR invalid numeric delta argument")
                        .send("incr {k}a -1\r\n").line("CLIENT_ERROR invalid numeric delta argument")
                        .send("decr {k}a 1.5\r\n").line("CLIENT_ERROR invalid numeric delta argument")
                        .send("incr {k}a 18446744073709551616\r\n").line("CLIENT_ERROR invalid numeric delta argument")
                        .send("incr {k}missing x\r\n").line("CLIENT_ERROR invalid numeric delta argument")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 1\r\n1\r\nEND\r\n"),
                Exchange.named("incr noreply and decr noreply are silent")
                        .send("set {k}a 0 0 2\r\n10\r\n").line("STORED")
                        .send("incr {k}a 5 noreply\r\n")
                        .send("decr {k}a 2 noreply\r\n")
                        .send("incr {k}missing 1 noreply\r\n")
                        .send("incr {k}a x noreply\r\n")
                        .send("get {k}a {k}missing\r\n").values("VALUE {k}a 0 2\r\n13\r\nEND\r\n"),
                Exchange.named("incr and decr with a wrong token count are ERROR")
                        .send("incr {k}a\r\n").line("ERROR")
                        .send("decr\r\n").line("ERROR")
                        .send("incr {k}a 1 noreply extra\r\n").line("ERROR"));
    }

    private static List<Exchange> expiry() {
        return List.of(
                Exchange.named("a negative exptime stores an item that is expired at once")
                        .send("set {k}a 0 -1 1\r\nx\r\n").line("STORED")
                        .send("get {k}a\r\n").values("END\r\n"),
                Exchange.named("exptime of exactly 30 days is relative")
                        .send("set {k}a 0 2592000 1\r\nx\r\n").line("STORED")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 1\r\nx\r\nEND\r\n"),
                Exchange.named("exptime over 30 days is an absolute unix time: past expires at once, future lives")
                        .send("set {k}a 0 2592001 1\r\nx\r\n").line("STORED")
                        .send("set {k}b 0 {now-10} 1\r\ny\r\n").line("STORED")
                        .send("set {k}c 0 {now+3600} 1\r\nz\r\n").line("STORED")
                        .send("get {k}a {k}b {k}c\r\n").values("VALUE {k}c 0 1\r\nz\r\nEND\r\n"),
                Exchange.named("a relative exptime elapses; touch and gat extend it")
                        .send("set {k}a 0 2 1\r\nx\r\nset {k}b 0 2 1\r\ny\r\nset {k}c 0 2 1\r\nz\r\n")
                        .lines(3, "STORED")
                        .send("touch {k}b 100\r\n").line("TOUCHED")
                        .send("gat 100 {k}c\r\n").values("VALUE {k}c 0 1\r\nz\r\nEND\r\n")
                        .pause(3500)
                        .send("get {k}a {k}b {k}c\r\n")
                        .values("VALUE {k}b 0 1\r\ny\r\nVALUE {k}c 0 1\r\nz\r\nEND\r\n"));
    }

    private static List<Exchange> flushAll() {
        return List.of(
                Exchange.named("flush_all invalidates every item; later sets are kept")
                        .send("set {k}a 0 0 1\r\nx\r\nset {k}b 0 0 1\r\ny\r\n").lines(2, "STORED")
                        .send("flush_all\r\n").line("OK")
                        .send("get {k}a {k}b\r\n").values("END\r\n")
                        .send("set {k}a 0 0 1\r\nz\r\n").line("STORED")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 1\r\nz\r\nEND\r\n"),
                Exchange.named("flush_all 0, flush_all noreply and flush_all 0 noreply")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("flush_all 0\r\n").line("OK")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("flush_all noreply\r\n")
                        .send("get {k}a\r\n").values("END\r\n")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("flush_all 0 noreply\r\n")
                        .send("get {k}a\r\n").values("END\r\n"),
                Exchange.named("flush_all with a negative delay flushes at once")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("flush_all -1\r\n").line("OK")
                        .send("get {k}a\r\n").values("END\r\n"),
                Exchange.named("flush_all 1 takes effect at once (memcached 1.6.18 rounds the deadline down)")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("flush_all 1\r\n").line("OK")
                        .send("get {k}a\r\n").values("END\r\n"),
                Exchange.named("flush_all with a delay flushes later, including items set before the deadline")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("flush_all 3\r\n").line("OK")
                        .send("set {k}b 0 0 1\r\ny\r\n").line("STORED")
                        .send("get {k}a {k}b\r\n").values("VALUE {k}a 0 1\r\nx\r\nVALUE {k}b 0 1\r\ny\r\nEND\r\n")
                        .pause(3500)
                        .send("get {k}a {k}b\r\n").values("END\r\n")
                        .send("set {k}c 0 0 1\r\nz\r\n").line("STORED")
                        .send("get {k}c\r\n").values("VALUE {k}c 0 1\r\nz\r\nEND\r\n"),
                Exchange.named("flush_all with a bad delay or too many tokens")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("flush_all abc\r\n").line("CLIENT_ERROR invalid exptime argument")
                        .send("flush_all 0 noreply extra\r\n").line("ERROR")
                        .send("get {k}a\r\n").values("VALUE {k}a 0 1\r\nx\r\nEND\r\n"));
    }

    private static List<Exchange> lineHandling() {
        String longKeys = IntStream.range(0, 400).mapToObj(i -> "{k}n" + i).collect(Collectors.joining(" "));
        return List.of(
                Exchange.named("pipelined commands in one write are answered in order")
                        .send("set {k}a 0 0 1\r\n1\r\nadd {k}a 0 0 1\r\n2\r\nget {k}a {k}b\r\nincr {k}a 5\r\n"
                                + "delete {k}a\r\nversion\r\ntouch {k}a 1\r\nbogus\r\n")
                        .line("STORED").line("NOT_STORED").values("VALUE {k}a 0 1\r\n1\r\nEND\r\n")
                        .line("6").line("DELETED").version().line("NOT_FOUND").line("ERROR"),
                Exchange.named("a command and its data arriving one byte per write")
                        .sendInPieces("set {k}a 3 0 10\r\n0123456789\r\nget {k}a\r\n", 1, 3)
                        .line("STORED").values("VALUE {k}a 3 10\r\n0123456789\r\nEND\r\n"),
                Exchange.named("a value split across many writes of 1000 bytes")
                        .sendInPieces("set {k}a 0 0 20000\r\n" + "0123456789".repeat(2000) + "\r\n", 1000, 2)
                        .line("STORED")
                        .send("get {k}a\r\n").values(),
                Exchange.named("a line may end in LF alone")
                        .send("set {k}a 0 0 1\nx\r\nget {k}a\n").line("STORED").values("VALUE {k}a 0 1\r\nx\r\nEND\r\n"),
                Exchange.named("extra spaces between tokens are ignored")
                        .send("set  {k}a  0  0  1 \r\nx\r\n").line("STORED")
                        .send("  get {k}a\r\n").values("VALUE {k}a 0 1\r\nx\r\nEND\r\n"),
                Exchange.named("a get line over 2048 bytes may arrive in pieces")
                        .sendInPieces("get " + longKeys + "\r\n", 700, 20).values("END\r\n"),
                Exchange.named("a complete line over 2048 bytes in one write is parsed (key too long)")
                        .send("set " + "k".repeat(3000) + " 0 0 1\r\nx\r\n")
                        .line("CLIENT_ERROR bad command line format").line("ERROR"),
                Exchange.named("2048+ bytes without a newline that are not a get close the connection")
                        .send("set {k}a 0 0 1 " + "y".repeat(3000)).awaitClose(),
                Exchange.named("an HTTP request line closes the connection")
                        .send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").awaitClose(),
                Exchange.named("unknown commands are ERROR and the connection stays usable")
                        .send("bogus\r\n").line("ERROR")
                        .send("GET {k}a\r\n").line("ERROR")
                        .send("Set {k}a 0 0 1\r\n").line("ERROR")
                        .send("x\r\n").line("ERROR")
                        .send("\r\n").line("ERROR")
                        .send(" \r\n").line("ERROR")
                        .send("gettt {k}a\r\n").line("ERROR")
                        .send("sets {k}a 0 0 1\r\n").line("ERROR"));
    }

    private static List<Exchange> miscCommands() {
        return List.of(
                Exchange.named("version answers VERSION 1.6.x, also with arguments")
                        .send("version\r\n").version()
                        .send("version foo bar\r\n").version(),
                Exchange.named("verbosity answers OK, noreply is silent, bad forms are errors")
                        .send("verbosity 1\r\n").line("OK")
                        .send("verbosity 0 noreply\r\n")
                        .send("verbosity abc\r\n").line("CLIENT_ERROR bad command line format")
                        .send("verbosity\r\n").line("ERROR")
                        .send("verbosity 1 2 3\r\n").line("ERROR")
                        .send("verbosity 0\r\n").line("OK"),
                Exchange.named("stats answers STAT lines and END")
                        .send("set {k}a 0 0 1\r\nx\r\n").line("STORED")
                        .send("stats\r\n").stats()
                        .send("stats settings\r\n").stats()
                        .send("stats items\r\n").stats()
                        .send("stats slabs\r\n").stats(),
                Exchange.named("stats reset answers RESET; unknown stats groups are errors")
                        .send("stats reset\r\n").line("RESET")
                        .send("stats nonsense\r\n").line("ERROR")
                        .send("stats detail\r\n").line("CLIENT_ERROR usage: stats detail on|off|dump"),
                Exchange.named("stats sizes without -o track_sizes reports it is disabled")
                        .send("stats sizes\r\n").line("STAT sizes_status disabled").line("END"),
                Exchange.named("cache_memlimit accepts megabytes >= 8 and explains refusals")
                        .send("cache_memlimit 100\r\n").line("OK")
                        .send("cache_memlimit 8\r\n").line("OK")
                        .send("cache_memlimit 7\r\n").line("MEMLIMIT_TOO_SMALL cannot set maxbytes to less than 8m")
                        .send("cache_memlimit 2000000000\r\n")
                        .line("MEMLIMIT_ADJUST_FAILED input value is megabytes not bytes")
                        .send("cache_memlimit abc\r\n").line("ERROR")
                        .send("cache_memlimit\r\n").line("ERROR")
                        .send("cache_memlimit 32 noreply\r\n")
                        .send("cache_memlimit 64\r\n").line("OK"));
    }

    private static List<Exchange> endOfConnection() {
        return List.of(
                Exchange.named("quit closes the connection")
                        .send("quit\r\n").awaitClose(),
                Exchange.named("quit with an argument closes the connection too")
                        .send("quit now\r\n").awaitClose(),
                Exchange.named("quit in a pipeline: earlier replies are sent, later commands are ignored")
                        .send("set {k}a 0 0 1\r\nx\r\nget {k}a\r\nquit\r\nset {k}a 0 0 1\r\ny\r\n")
                        .line("STORED").values("VALUE {k}a 0 1\r\nx\r\nEND\r\n").awaitClose(),
                Exchange.named("shutdown without -A is refused and the server keeps running")
                        .send("shutdown\r\n").line("ERROR: shutdown not enabled")
                        .send("shutdown graceful\r\n").line("ERROR: shutdown not enabled")
                        .send("version\r\n").version());
    }

    /** memcached's item size accounting: 48-byte header, key + NUL, 8-byte CAS, CRLF, 4 for flags. */
    private static int maxValueLength(int keyLength, boolean nonZeroFlags) {
        return ITEM_SIZE_MAX - 48 - (keyLength + 1) - 8 - 2 - (nonZeroFlags ? 4 : 0);
    }

    private static String allBytes() {
        StringBuilder all = new StringBuilder(256);
        for (int b = 0; b < 256; b++) {
            all.append((char) b);
        }
        return all.toString();
    }

    /** The UTF-8 encoding of {@code text}, one char per byte (as requests are written). */
    private static String utf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
