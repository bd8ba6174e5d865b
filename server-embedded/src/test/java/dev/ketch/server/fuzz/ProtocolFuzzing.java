package dev.ketch.server.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.ArrayList;
import java.util.List;

/** Splits a fuzzer's input into the pieces a connection receives them in. */
final class ProtocolFuzzing {

    private ProtocolFuzzing() {
    }

    /** The rest of the input after the split sizes, in pieces of 1 to 64 bytes (or whole). */
    static byte[][] pieces(FuzzedDataProvider data) {
        boolean whole = data.consumeBoolean();
        int piece = data.consumeInt(1, 64);
        byte[] input = data.consumeRemainingAsBytes();
        if (whole || input.length <= piece) {
            return new byte[][] {input};
        }
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < input.length; i += piece) {
            byte[] part = new byte[Math.min(piece, input.length - i)];
            System.arraycopy(input, i, part, 0, part.length);
            parts.add(part);
        }
        return parts.toArray(new byte[0][]);
    }
}
