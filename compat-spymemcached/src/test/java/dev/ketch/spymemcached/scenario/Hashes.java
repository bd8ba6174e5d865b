package dev.ketch.spymemcached.scenario;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.spy.memcached.AddrUtil;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.ops.StatusCode;

/** Small pure functions of spymemcached's API, as strings to compare. */
public final class Hashes {

    private Hashes() {
    }

    /** Every {@link DefaultHashAlgorithm} of every key, and the MD5 of one. */
    public static List<String> keyHashes(List<String> keys) {
        List<String> out = new ArrayList<>();
        for (DefaultHashAlgorithm hash : DefaultHashAlgorithm.values()) {
            for (String key : keys) {
                out.add(hash + " " + key + " " + hash.hash(key));
            }
        }
        out.add("md5 " + HexFormat.of().formatHex(DefaultHashAlgorithm.computeMd5("ключ")));
        return out;
    }

    /** What {@link AddrUtil} makes of a list, or its exception. */
    public static String addresses(String list) {
        try {
            return String.valueOf(AddrUtil.getAddresses(list));
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** What {@link AddrUtil} makes of a list of strings, or its exception. */
    public static String addressList(List<String> list) {
        try {
            return String.valueOf(AddrUtil.getAddresses(new ArrayList<>(list)));
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** The status code of every binary status and of some text replies. */
    public static List<String> statusCodes(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int code = 0; code < 0x100; code++) {
            out.add(code + " " + StatusCode.fromBinaryCode(code));
        }
        for (String line : lines) {
            out.add(line + " " + StatusCode.fromAsciiLine(line));
        }
        return out;
    }
}
