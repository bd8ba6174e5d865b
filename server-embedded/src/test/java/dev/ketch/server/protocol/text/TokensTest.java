package dev.ketch.server.protocol.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** memcached's {@code tokenize_command}. */
class TokensTest {

    private final Tokens t = new Tokens();

    private int tokenize(String line) {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        return t.tokenize(b, 0, b.length);
    }

    @Test
    void splitsOnSpacesOnly() {
        assertEquals(4, tokenize("  get a\tb  c "));
        assertEquals("get", t.string(0));
        assertEquals("a\tb", t.string(1));
        assertEquals("c", t.string(2));
        assertFalse(t.hasRest());
        assertEquals(1, tokenize(""));
        assertEquals(1, tokenize("   "));
    }

    @Test
    void stopsAfterTwentyThreeTokens() {
        StringBuilder line = new StringBuilder("get");
        for (int i = 1; i <= 30; i++) {
            line.append(' ').append("k").append(i);
        }
        assertEquals(24, tokenize(line.toString()));
        assertEquals("k22", t.string(22));
        assertTrue(t.hasRest());
        assertEquals(9, t.tokenize(t.line(), t.restStart(), t.end()));
        assertEquals("k23", t.string(0));
        assertFalse(t.hasRest());
    }

    @Test
    void exactlyTwentyThreeTokensLeaveNoRestUnlessMoreText() {
        String line = "a b c d e f g h i j k l m n o p q r s t u v w";
        assertEquals(24, tokenize(line));
        assertFalse(t.hasRest());
        assertEquals(24, tokenize(line + " "));
        assertFalse(t.hasRest());
        assertEquals(24, tokenize(line + "  "));
        assertTrue(t.hasRest());
    }

    @Test
    void comparesLikeStrcmp() {
        tokenize("set noreply HTTP/1.1");
        assertTrue(t.is(0, "set"));
        assertFalse(t.is(0, "se"));
        assertTrue(t.is(1, "noreply"));
        assertTrue(t.startsWith(2, "HTTP/"));
        assertFalse(t.is(3, ""));
    }
}
