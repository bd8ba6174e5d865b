package dev.ketch.it.parity;

import static dev.ketch.it.parity.BinaryCodes.ADD;
import static dev.ketch.it.parity.BinaryCodes.ADDQ;
import static dev.ketch.it.parity.BinaryCodes.APPEND;
import static dev.ketch.it.parity.BinaryCodes.APPENDQ;
import static dev.ketch.it.parity.BinaryCodes.DECREMENT;
import static dev.ketch.it.parity.BinaryCodes.DECREMENTQ;
import static dev.ketch.it.parity.BinaryCodes.DELETE;
import static dev.ketch.it.parity.BinaryCodes.DELETEQ;
import static dev.ketch.it.parity.BinaryCodes.DELTA_BADVAL;
import static dev.ketch.it.parity.BinaryCodes.E2BIG;
import static dev.ketch.it.parity.BinaryCodes.EINVAL;
import static dev.ketch.it.parity.BinaryCodes.FLUSH;
import static dev.ketch.it.parity.BinaryCodes.FLUSHQ;
import static dev.ketch.it.parity.BinaryCodes.GAT;
import static dev.ketch.it.parity.BinaryCodes.GATK;
import static dev.ketch.it.parity.BinaryCodes.GATKQ;
import static dev.ketch.it.parity.BinaryCodes.GATQ;
import static dev.ketch.it.parity.BinaryCodes.GET;
import static dev.ketch.it.parity.BinaryCodes.GETK;
import static dev.ketch.it.parity.BinaryCodes.GETKQ;
import static dev.ketch.it.parity.BinaryCodes.GETQ;
import static dev.ketch.it.parity.BinaryCodes.INCREMENT;
import static dev.ketch.it.parity.BinaryCodes.INCREMENTQ;
import static dev.ketch.it.parity.BinaryCodes.KEY_EEXISTS;
import static dev.ketch.it.parity.BinaryCodes.KEY_ENOENT;
import static dev.ketch.it.parity.BinaryCodes.NOOP;
import static dev.ketch.it.parity.BinaryCodes.NOT_STORED;
import static dev.ketch.it.parity.BinaryCodes.NO_ERROR;
import static dev.ketch.it.parity.BinaryCodes.PREPEND;
import static dev.ketch.it.parity.BinaryCodes.PREPENDQ;
import static dev.ketch.it.parity.BinaryCodes.QUIT;
import static dev.ketch.it.parity.BinaryCodes.QUITQ;
import static dev.ketch.it.parity.BinaryCodes.RDECRQ;
import static dev.ketch.it.parity.BinaryCodes.REPLACE;
import static dev.ketch.it.parity.BinaryCodes.REPLACEQ;
import static dev.ketch.it.parity.BinaryCodes.RGET;
import static dev.ketch.it.parity.BinaryCodes.SASL_AUTH;
import static dev.ketch.it.parity.BinaryCodes.SASL_LIST_MECHS;
import static dev.ketch.it.parity.BinaryCodes.SASL_STEP;
import static dev.ketch.it.parity.BinaryCodes.SET;
import static dev.ketch.it.parity.BinaryCodes.SETQ;
import static dev.ketch.it.parity.BinaryCodes.STAT;
import static dev.ketch.it.parity.BinaryCodes.TOUCH;
import static dev.ketch.it.parity.BinaryCodes.UNKNOWN_COMMAND;
import static dev.ketch.it.parity.BinaryCodes.VERBOSITY;
import static dev.ketch.it.parity.BinaryCodes.VERSION;
import static dev.ketch.it.parity.BinaryExpect.status;
import static dev.ketch.it.parity.BinaryRequest.request;

import java.util.ArrayList;
import java.util.List;

/**
 * The binary-protocol behaviour table: every row is run against real memcached and the Ketch
 * server, and both must answer alike, packet by packet and field by field (see
 * {@link BinaryExchangeRunner} for the few normalizations). Where a row documents a reply
 * ({@code .reply(status(KEY_ENOENT))}), real memcached 1.6.18 is checked to give it.
 *
 * <p>Servers are flushed before each row and run with {@code -m 64} and the default 1 MiB item
 * size limit; keys use the {@code {k}} prefix placeholder (see {@link BinaryRequest}).
 */
public final class BinaryProtocolTable {

    /** memcached reads an expiration over 30 days as a unix time: this one is in January 1970. */
    private static final int PAST_ABSOLUTE_TIME = 60 * 60 * 24 * 30 + 1;
    /** The INCREMENT/DECREMENT expiration that means "do not create a missing counter". */
    private static final int NO_CREATE = 0xffffffff;
    private static final int ITEM_SIZE_MAX = 1024 * 1024;

    private BinaryProtocolTable() {
    }

    /** All rows, in run order. */
    public static List<BinaryExchange> rows() {
        List<BinaryExchange> rows = new ArrayList<>();
        rows.addAll(storage());
        rows.addAll(cas());
        rows.addAll(quietCommands());
        rows.addAll(counters());
        rows.addAll(touch());
        rows.addAll(serverCommands());
        rows.addAll(stats());
        rows.addAll(malformedRequests());
        rows.addAll(endOfConnection());
        return rows;
    }

    /** The row key prefix for row {@code index}: "b" + 3-digit row number + "_". */
    public static String keyPrefix(int index) {
        return String.format("b%03d_", index);
    }

    private static BinaryRequest set(String key, String value) {
        return request(SET).key(key).flagsAndExpiry(0, 0).value(value);
    }

    private static BinaryRequest get(String key) {
        return request(GET).key(key);
    }

    private static List<BinaryExchange> storage() {
        return List.of(
                BinaryExchange.named("SET stores; GET answers the flags (4 bytes of extras) and the value; GETK adds the key")
                        .send(request(SET).key("{k}a").flagsAndExpiry(0xcafe, 0).value("hello"))
                        .reply(status(NO_ERROR).opcode(SET).value(""))
                        .send(get("{k}a")).reply(status(NO_ERROR).key("").value("hello"))
                        .send(request(GETK).key("{k}a")).reply(status(NO_ERROR).key("{k}a").value("hello")),
                BinaryExchange.named("GET and GETK of a missing key are KEY_ENOENT with a message; GETK echoes the key")
                        .send(get("{k}missing")).reply(status(KEY_ENOENT).value("Not found"))
                        .send(request(GETK).key("{k}missing")).reply(status(KEY_ENOENT)),
                BinaryExchange.named("an empty value and all 256 byte values round-trip, flags 0 and 2^32-1 too")
                        .send(set("{k}e", "")).reply(status(NO_ERROR))
                        .send(get("{k}e")).reply(status(NO_ERROR).value(""))
                        .send(request(SET).key("{k}b").flagsAndExpiry(0xffffffff, 0).value(allBytes()))
                        .reply(status(NO_ERROR))
                        .send(get("{k}b")).reply(status(NO_ERROR).value(allBytes())),
                BinaryExchange.named("SET overwrites the value and flags of an existing item")
                        .send(request(SET).key("{k}a").flagsAndExpiry(1, 0).value("x")).reply()
                        .send(request(SET).key("{k}a").flagsAndExpiry(2, 0).value("yyy")).reply()
                        .send(get("{k}a")).reply(status(NO_ERROR).value("yyy")),
                BinaryExchange.named("SET with an expiration in the past stores nothing readable")
                        .send(request(SET).key("{k}a").flagsAndExpiry(0, PAST_ABSOLUTE_TIME).value("x"))
                        .reply(status(NO_ERROR))
                        .send(get("{k}a")).reply(status(KEY_ENOENT)),
                BinaryExchange.named("ADD stores only a new key, REPLACE only an existing one")
                        .send(request(REPLACE).key("{k}a").flagsAndExpiry(0, 0).value("r")).reply(status(KEY_ENOENT))
                        .send(request(ADD).key("{k}a").flagsAndExpiry(1, 0).value("first")).reply(status(NO_ERROR))
                        .send(request(ADD).key("{k}a").flagsAndExpiry(2, 0).value("second")).reply(status(KEY_EEXISTS))
                        .send(request(REPLACE).key("{k}a").flagsAndExpiry(3, 0).value("third")).reply(status(NO_ERROR))
                        .send(get("{k}a")).reply(status(NO_ERROR).value("third")),
                BinaryExchange.named("APPEND and PREPEND keep the flags; on a missing key they are NOT_STORED")
                        .send(request(SET).key("{k}a").flagsAndExpiry(5, 0).value("b")).reply()
                        .send(request(APPEND).key("{k}a").value("c")).reply(status(NO_ERROR))
                        .send(request(PREPEND).key("{k}a").value("a")).reply(status(NO_ERROR))
                        .send(get("{k}a")).reply(status(NO_ERROR).value("abc"))
                        .send(request(APPEND).key("{k}missing").value("x")).reply(status(NOT_STORED))
                        .send(request(PREPEND).key("{k}missing").value("x")).reply(status(NOT_STORED)),
                BinaryExchange.named("DELETE removes the item once, then KEY_ENOENT")
                        .send(set("{k}a", "x")).reply()
                        .send(request(DELETE).key("{k}a")).reply(status(NO_ERROR))
                        .send(get("{k}a")).reply(status(KEY_ENOENT))
                        .send(request(DELETE).key("{k}a")).reply(status(KEY_ENOENT)),
                BinaryExchange.named("the largest value under the 1 MiB item limit is stored, one byte more is E2BIG")
                        .send(set("{k}big", "v".repeat(maxValueLength(8)))).reply(status(NO_ERROR))
                        .send(set("{k}big", "w".repeat(maxValueLength(8) + 1))).reply(status(E2BIG))
                        .send(get("{k}big")).reply(status(KEY_ENOENT)),
                BinaryExchange.named("an oversized SET body is swallowed after E2BIG; the next request is served")
                        .send(set("{k}a", "old")).reply()
                        .send(set("{k}a", "x".repeat(2 * ITEM_SIZE_MAX)), get("{k}a"))
                        .reply(status(E2BIG).value("Too large.")).reply(status(KEY_ENOENT)),
                BinaryExchange.named("a 250-byte key works; 251 bytes is EINVAL and closes the connection")
                        .send(set("{k:250}", "x")).reply(status(NO_ERROR))
                        .send(get("{k:250}")).reply(status(NO_ERROR).value("x"))
                        .send(get("{k:251}")).reply(status(EINVAL)).awaitClose(),
                BinaryExchange.named("keys may hold any bytes, spaces and newlines included")
                        .send(set("{k} a\r\n\u0000\u00ff", "x")).reply(status(NO_ERROR))
                        .send(request(GETK).key("{k} a\r\n\u0000\u00ff")).reply(status(NO_ERROR).value("x")));
    }

    private static List<BinaryExchange> cas() {
        return List.of(
                BinaryExchange.named("SET with the current CAS stores; with another CAS KEY_EEXISTS; on a missing key KEY_ENOENT")
                        .send(set("{k}a", "v1")).reply()
                        .send(set("{k}a", "v2").casOfLastReply()).reply(status(NO_ERROR))
                        .send(set("{k}a", "v3").cas(1)).reply(status(KEY_EEXISTS))
                        .send(get("{k}a")).reply(status(NO_ERROR).value("v2"))
                        .send(set("{k}missing", "x").cas(1)).reply(status(KEY_ENOENT)),
                BinaryExchange.named("every store answers a new CAS; GET answers the item's CAS")
                        .send(set("{k}a", "1")).reply()
                        .send(get("{k}a")).reply()
                        .send(request(APPEND).key("{k}a").value("0")).reply()
                        .send(request(INCREMENT).key("{k}a").counter(1, 0, 0)).reply()
                        .send(request(TOUCH).key("{k}a").extras32(1000)).reply()
                        .send(get("{k}a")).reply(),
                BinaryExchange.named("REPLACE, APPEND, DELETE and INCREMENT check a given CAS")
                        .send(set("{k}a", "5")).reply()
                        .send(request(REPLACE).key("{k}a").flagsAndExpiry(0, 0).value("6").cas(1)).reply(status(KEY_EEXISTS))
                        .send(request(APPEND).key("{k}a").value("0").cas(1)).reply(status(KEY_EEXISTS))
                        .send(request(INCREMENT).key("{k}a").counter(1, 0, 0).cas(1)).reply(status(KEY_EEXISTS))
                        .send(request(DELETE).key("{k}a").cas(1)).reply(status(KEY_EEXISTS))
                        .send(get("{k}a")).reply(status(NO_ERROR).value("5"))
                        .send(request(APPEND).key("{k}a").value("0").casOfLastReply()).reply(status(NO_ERROR))
                        .send(request(DELETE).key("{k}a").casOfLastReply()).reply(status(NO_ERROR)));
    }

    private static List<BinaryExchange> quietCommands() {
        List<BinaryRequest> hundredGets = new ArrayList<>();
        List<BinaryRequest> fiftySets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundredGets.add(request(GETKQ).key("{k}" + i));
            if (i % 2 == 0) {
                fiftySets.add(request(SETQ).key("{k}" + i).flagsAndExpiry(i, 0).value("v" + i));
            }
        }
        hundredGets.add(request(NOOP));
        fiftySets.add(request(NOOP));
        return List.of(
                BinaryExchange.named("SETQ answers nothing on success: the NOOP that follows answers first")
                        .send(request(SETQ).key("{k}a").flagsAndExpiry(0, 0).value("x"), request(NOOP))
                        .reply(status(NO_ERROR).opcode(NOOP))
                        .send(get("{k}a")).reply(status(NO_ERROR).value("x")),
                BinaryExchange.named("quiet stores still answer their failures")
                        .send(set("{k}a", "x")).reply()
                        .send(request(ADDQ).key("{k}a").flagsAndExpiry(0, 0).value("y"),
                                request(REPLACEQ).key("{k}missing").flagsAndExpiry(0, 0).value("y"),
                                request(APPENDQ).key("{k}missing").value("y"),
                                request(PREPENDQ).key("{k}missing").value("y"),
                                request(SETQ).key("{k}a").flagsAndExpiry(0, 0).value("z").cas(1),
                                request(NOOP))
                        .reply(status(KEY_EEXISTS).opcode(ADDQ)).reply(status(KEY_ENOENT).opcode(REPLACEQ))
                        .reply(status(NOT_STORED).opcode(APPENDQ)).reply(status(NOT_STORED).opcode(PREPENDQ))
                        .reply(status(KEY_EEXISTS).opcode(SETQ)).reply(status(NO_ERROR).opcode(NOOP)),
                BinaryExchange.named("GETQ and GETKQ answer hits only; a pipeline ends with NOOP")
                        .send(set("{k}a", "A"), set("{k}c", "C"), set("{k}e", "E")).replies(3)
                        .send(request(GETKQ).key("{k}a"), request(GETKQ).key("{k}b"), request(GETKQ).key("{k}c"),
                                request(GETQ).key("{k}d"), request(GETQ).key("{k}e"), request(NOOP))
                        .reply(status(NO_ERROR).opcode(GETKQ).key("{k}a").value("A"))
                        .reply(status(NO_ERROR).opcode(GETKQ).key("{k}c").value("C"))
                        .reply(status(NO_ERROR).opcode(GETQ).key("").value("E"))
                        .reply(status(NO_ERROR).opcode(NOOP)),
                BinaryExchange.named("100 pipelined GETKQ with every other key missing, then NOOP")
                        .send(fiftySets.toArray(BinaryRequest[]::new)).reply(status(NO_ERROR).opcode(NOOP))
                        .send(hundredGets.toArray(BinaryRequest[]::new)).replies(50)
                        .reply(status(NO_ERROR).opcode(NOOP)),
                BinaryExchange.named("DELETEQ, INCREMENTQ and DECREMENTQ answer failures only")
                        .send(set("{k}n", "5")).reply()
                        .send(request(INCREMENTQ).key("{k}n").counter(2, 0, 0),
                                request(DECREMENTQ).key("{k}n").counter(1, 0, 0),
                                request(GETQ).key("{k}n"),
                                request(DELETEQ).key("{k}n"),
                                request(DELETEQ).key("{k}n"),
                                request(INCREMENTQ).key("{k}missing").counter(1, 0, NO_CREATE),
                                request(DECREMENTQ).key("{k}missing").counter(1, 0, NO_CREATE),
                                request(NOOP))
                        .reply(status(NO_ERROR).opcode(GETQ).value("6"))
                        .reply(status(KEY_ENOENT).opcode(DELETEQ))
                        .reply(status(KEY_ENOENT).opcode(INCREMENTQ))
                        .reply(status(KEY_ENOENT).opcode(DECREMENTQ))
                        .reply(status(NO_ERROR).opcode(NOOP)),
                BinaryExchange.named("GATQ and GATKQ answer hits only")
                        .send(set("{k}a", "A")).reply()
                        .send(request(GATQ).key("{k}a").extras32(100), request(GATQ).key("{k}b").extras32(100),
                                request(GATKQ).key("{k}a").extras32(100), request(GATKQ).key("{k}b").extras32(100),
                                request(NOOP))
                        .reply(status(NO_ERROR).opcode(GATQ).key("").value("A"))
                        .reply(status(NO_ERROR).opcode(GATKQ).key("{k}a").value("A"))
                        .reply(status(NO_ERROR).opcode(NOOP)),
                BinaryExchange.named("FLUSHQ answers nothing and removes every item")
                        .send(set("{k}a", "x")).reply()
                        .send(request(FLUSHQ), get("{k}a"))
                        .reply(status(KEY_ENOENT).opcode(GET)));
    }

    private static List<BinaryExchange> counters() {
        return List.of(
                BinaryExchange.named("INCREMENT of a missing key creates it with the initial value, then adds the delta")
                        .send(request(INCREMENT).key("{k}n").counter(5, 100, 0)).reply(status(NO_ERROR))
                        .send(request(INCREMENT).key("{k}n").counter(5, 100, 0)).reply(status(NO_ERROR))
                        .send(get("{k}n")).reply(status(NO_ERROR).value("105"))
                        .send(request(DECREMENT).key("{k}d").counter(5, 7, 0)).reply(status(NO_ERROR)),
                BinaryExchange.named("expiration 0xffffffff makes INCREMENT and DECREMENT fail on a missing key")
                        .send(request(INCREMENT).key("{k}n").counter(1, 100, NO_CREATE)).reply(status(KEY_ENOENT))
                        .send(request(DECREMENT).key("{k}n").counter(1, 100, NO_CREATE)).reply(status(KEY_ENOENT))
                        .send(get("{k}n")).reply(status(KEY_ENOENT))
                        .send(set("{k}n", "1")).reply()
                        .send(request(INCREMENT).key("{k}n").counter(1, 100, NO_CREATE)).reply(status(NO_ERROR)),
                BinaryExchange.named("DECREMENT stops at 0, the shorter number is space-padded; INCREMENT wraps at 2^64")
                        .send(set("{k}n", "10")).reply()
                        .send(request(DECREMENT).key("{k}n").counter(100, 0, 0)).reply(status(NO_ERROR))
                        .send(get("{k}n")).reply(status(NO_ERROR))
                        .send(set("{k}m", "18446744073709551615")).reply()
                        .send(request(INCREMENT).key("{k}m").counter(2, 0, 0)).reply(status(NO_ERROR))
                        .send(get("{k}m")).reply(status(NO_ERROR)),
                BinaryExchange.named("INCREMENT of a non-numeric or too long value is DELTA_BADVAL")
                        .send(set("{k}n", "abc")).reply()
                        .send(request(INCREMENT).key("{k}n").counter(1, 0, 0)).reply(status(DELTA_BADVAL))
                        .send(set("{k}m", "184467440737095516150")).reply()
                        .send(request(DECREMENT).key("{k}m").counter(1, 0, 0)).reply(status(DELTA_BADVAL)),
                BinaryExchange.named("INCREMENT keeps the flags of the stored item")
                        .send(request(SET).key("{k}n").flagsAndExpiry(77, 0).value("1")).reply()
                        .send(request(INCREMENT).key("{k}n").counter(1, 0, 0)).reply()
                        .send(get("{k}n")).reply(status(NO_ERROR).value("2")));
    }

    private static List<BinaryExchange> touch() {
        return List.of(
                BinaryExchange.named("TOUCH: NO_ERROR for an item, KEY_ENOENT otherwise; to a past time it expires")
                        .send(set("{k}a", "x")).reply()
                        .send(request(TOUCH).key("{k}a").extras32(100)).reply(status(NO_ERROR).value(""))
                        .send(request(TOUCH).key("{k}missing").extras32(100)).reply(status(KEY_ENOENT))
                        .send(request(TOUCH).key("{k}a").extras32(PAST_ABSOLUTE_TIME)).reply(status(NO_ERROR))
                        .send(get("{k}a")).reply(status(KEY_ENOENT)),
                BinaryExchange.named("GAT answers flags and value, GATK adds the key; on a miss KEY_ENOENT")
                        .send(request(SET).key("{k}a").flagsAndExpiry(9, 0).value("x")).reply()
                        .send(request(GAT).key("{k}a").extras32(100)).reply(status(NO_ERROR).key("").value("x"))
                        .send(request(GATK).key("{k}a").extras32(100)).reply(status(NO_ERROR).key("{k}a").value("x"))
                        .send(request(GAT).key("{k}missing").extras32(100)).reply(status(KEY_ENOENT))
                        .send(request(GATK).key("{k}missing").extras32(100)).reply(status(KEY_ENOENT)),
                BinaryExchange.named("GAT to a past time answers the value once, then the item is gone")
                        .send(set("{k}a", "x")).reply()
                        .send(request(GAT).key("{k}a").extras32(PAST_ABSOLUTE_TIME)).reply(status(NO_ERROR).value("x"))
                        .send(get("{k}a")).reply(status(KEY_ENOENT)));
    }

    private static List<BinaryExchange> serverCommands() {
        return List.of(
                BinaryExchange.named("NOOP answers an empty packet with the opaque echoed")
                        .send(request(NOOP).opaque(0x12345678)).reply(status(NO_ERROR).opcode(NOOP).value("")),
                BinaryExchange.named("VERSION answers 1.6.x")
                        .send(request(VERSION)).reply(status(NO_ERROR).opcode(VERSION)),
                BinaryExchange.named("FLUSH removes every item")
                        .send(set("{k}a", "x"), set("{k}b", "y")).replies(2)
                        .send(request(FLUSH)).reply(status(NO_ERROR))
                        .send(get("{k}a"), get("{k}b")).reply(status(KEY_ENOENT)).reply(status(KEY_ENOENT)),
                BinaryExchange.named("a pipeline of mixed commands in one write answers in order, each with its opaque")
                        .send(set("{k}a", "1"), request(INCREMENT).key("{k}a").counter(1, 0, 0),
                                request(APPEND).key("{k}a").value("0"), get("{k}a"), request(DELETE).key("{k}a"),
                                get("{k}a"), request(NOOP))
                        .replies(5).reply(status(KEY_ENOENT)).reply(status(NO_ERROR).opcode(NOOP)),
                BinaryExchange.named("requests split into 5-byte writes are reassembled")
                        .sendInPieces(5, 2, set("{k}a", "hello"), get("{k}a"))
                        .reply(status(NO_ERROR)).reply(status(NO_ERROR).value("hello")),
                BinaryExchange.named("a non-zero data type and vbucket are ignored")
                        .send(set("{k}a", "x").dataType(1).vbucket(7)).reply(status(NO_ERROR))
                        .send(get("{k}a").dataType(1).vbucket(7)).reply(status(NO_ERROR).value("x")),
                BinaryExchange.named("SASL opcodes without -S are UNKNOWN_COMMAND and their bodies are skipped")
                        .send(request(SASL_LIST_MECHS), request(SASL_AUTH).key("PLAIN").value("\0user\0pass"),
                                request(SASL_STEP).key("PLAIN").value("\0user\0pass"), request(NOOP))
                        .reply(status(UNKNOWN_COMMAND).opcode(SASL_LIST_MECHS))
                        .reply(status(UNKNOWN_COMMAND).opcode(SASL_AUTH))
                        .reply(status(UNKNOWN_COMMAND).opcode(SASL_STEP))
                        .reply(status(NO_ERROR).opcode(NOOP)));
    }

    private static List<BinaryExchange> stats() {
        return List.of(
                BinaryExchange.named("STAT without a group answers the general statistics and an empty terminator")
                        .send(request(STAT)).stats(),
                BinaryExchange.named("STAT settings, items and slabs; conns is KEY_ENOENT in the binary protocol")
                        .send(set("{k}a", "x")).reply()
                        .send(request(STAT).key("settings")).stats()
                        .send(request(STAT).key("items")).stats()
                        .send(request(STAT).key("slabs")).stats()
                        .send(request(STAT).key("conns")).reply(status(KEY_ENOENT)),
                BinaryExchange.named("STAT sizes without -o track_sizes says it is disabled")
                        .send(request(STAT).key("sizes")).stats(),
                BinaryExchange.named("STAT reset answers only the terminator")
                        .send(request(STAT).key("reset")).stats(),
                BinaryExchange.named("STAT with an unknown group is an error packet")
                        .send(request(STAT).key("nonsense")).stats()
                        .send(request(NOOP)).reply(status(NO_ERROR).opcode(NOOP)));
    }

    private static List<BinaryExchange> malformedRequests() {
        List<BinaryRequest> rangeOpcodes = new ArrayList<>();
        for (int opcode = RGET; opcode <= RDECRQ; opcode++) {
            rangeOpcodes.add(request(opcode).value("range"));
        }
        rangeOpcodes.add(request(NOOP));
        return List.of(
                BinaryExchange.named("an unknown opcode is UNKNOWN_COMMAND, its body is skipped, the connection stays usable")
                        .send(request(0x50).value("body"), request(0xff), request(NOOP))
                        .reply(status(UNKNOWN_COMMAND).opcode(0x50).value("Unknown command"))
                        .reply(status(UNKNOWN_COMMAND).opcode(0xff))
                        .reply(status(NO_ERROR).opcode(NOOP)),
                BinaryExchange.named("an unknown opcode's key and extras are skipped twice: as many bytes after it are swallowed")
                        .send(request(0x50).key("{k}a")).sendRaw("123456")
                        .send(request(0x51).extras32(1)).sendRaw("1234")
                        .send(request(NOOP))
                        .reply(status(UNKNOWN_COMMAND).opcode(0x50)).reply(status(UNKNOWN_COMMAND).opcode(0x51))
                        .reply(status(NO_ERROR).opcode(NOOP)),
                BinaryExchange.named("VERBOSITY is not implemented: UNKNOWN_COMMAND, and its extras are skipped twice")
                        .send(request(VERBOSITY).extras32(1)).sendRaw("\0\0\0\0").send(request(NOOP))
                        .reply(status(UNKNOWN_COMMAND).opcode(VERBOSITY))
                        .reply(status(NO_ERROR).opcode(NOOP)),
                BinaryExchange.named("an unknown opcode with a body after its key: what follows is misread and the connection closed")
                        .send(request(0x50).key("{k}a").value("body"), request(NOOP), request(NOOP))
                        .awaitClose(),
                BinaryExchange.named("the range opcodes RGET..RDECRQ (0x30-0x3c), quiet ones too, are UNKNOWN_COMMAND")
                        .send(rangeOpcodes.toArray(BinaryRequest[]::new))
                        .replies(RDECRQ - RGET + 1).reply(status(NO_ERROR).opcode(NOOP)),
                BinaryExchange.named("a request magic other than 0x80 after a binary request closes the connection")
                        .send(request(NOOP), get("{k}a").magic(0x81))
                        .reply(status(NO_ERROR).opcode(NOOP)).awaitClose(),
                BinaryExchange.named("a text command on a binary connection closes it")
                        .send(request(NOOP)).reply(status(NO_ERROR))
                        .sendRaw("get {k}a {k}b {k}c {k}d\r\n").awaitClose(),
                BinaryExchange.named("GET with extras is EINVAL and closes the connection")
                        .send(get("{k}a").extras32(100)).reply(status(EINVAL)).awaitClose(),
                BinaryExchange.named("SET without extras is EINVAL and closes the connection")
                        .send(request(SET).key("{k}a").value("x")).reply(status(EINVAL)).awaitClose(),
                BinaryExchange.named("NOOP with a body is EINVAL and closes the connection")
                        .send(request(NOOP).value("x")).reply(status(EINVAL)).awaitClose(),
                BinaryExchange.named("INCREMENT with short extras is EINVAL and closes the connection")
                        .send(request(INCREMENT).key("{k}n").extras32(1)).reply(status(EINVAL)).awaitClose(),
                BinaryExchange.named("a key longer than the announced body is UNKNOWN_COMMAND and closes the connection")
                        .send(get("{k}a").announcedBodyLength(2)).reply(status(UNKNOWN_COMMAND)).awaitClose());
    }

    private static List<BinaryExchange> endOfConnection() {
        return List.of(
                BinaryExchange.named("QUIT answers, then closes the connection")
                        .send(request(QUIT)).reply(status(NO_ERROR).opcode(QUIT)).awaitClose(),
                BinaryExchange.named("QUITQ closes the connection without a reply")
                        .send(request(QUITQ)).awaitClose(),
                BinaryExchange.named("requests after QUIT in the same write are not served")
                        .send(request(QUIT), set("{k}a", "x")).reply(status(NO_ERROR).opcode(QUIT)).awaitClose());
    }

    /** memcached's item size accounting: 48-byte header, key + NUL, 8-byte CAS, CRLF (flags 0). */
    private static int maxValueLength(int keyLength) {
        return ITEM_SIZE_MAX - 48 - (keyLength + 1) - 8 - 2;
    }

    private static String allBytes() {
        StringBuilder all = new StringBuilder(256);
        for (int b = 0; b < 256; b++) {
            all.append((char) b);
        }
        return all.toString();
    }
}
