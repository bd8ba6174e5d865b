package dev.ketch.server.protocol.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import dev.ketch.server.logging.Verbose;
import dev.ketch.server.protocol.ConnectionMemory;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The response boundaries UDP needs: one buffer per memcached response object. */
class RepliesResponsesTest {

    private final Replies replies = new Replies(ByteBufAllocator.DEFAULT, 1, new ConnectionMemory(0),
            new Verbose(new dev.ketch.server.config.ServerSettings(), System.err));

    private List<String> take() {
        List<String> out = new ArrayList<>();
        long bytes = replies.takeResponses(b -> {
            out.add(b.toString(StandardCharsets.US_ASCII));
            b.release();
        });
        assertEquals(out.stream().mapToInt(String::length).sum(), bytes);
        return out;
    }

    @Test
    void eachBeginStartsAResponseAndEmptyOnesAreKept() {
        replies.trackResponses();
        replies.beginResponse();
        replies.line("STORED");
        replies.beginResponse(); // a miss of a multi-get
        replies.beginResponse();
        replies.raw("VALUE b 0 1\r\nb\r\nEND\r\n");
        assertEquals(List.of("STORED\r\n", "", "VALUE b 0 1\r\nb\r\nEND\r\n"), take());
        assertEquals(List.of(), take());
        replies.beginResponse(); // quit: a response with nothing in it
        assertEquals(List.of(""), take());
    }

    @Test
    void noreplyLeavesTheResponseOut() {
        replies.trackResponses();
        replies.beginResponse();
        replies.noreply(true);
        replies.line("STORED");
        replies.noreply(false);
        replies.beginResponse();
        replies.line("END");
        assertEquals(List.of("END\r\n"), take());
    }

    @Test
    void discardedRepliesTakeTheirResponsesAlong() {
        replies.trackResponses();
        replies.beginResponse();
        replies.line("STORED");
        replies.beginResponse();
        replies.raw("VALUE a 0 1\r\na\r\n");
        replies.discardUnsent(); // a get with a too long key
        replies.line("CLIENT_ERROR bad command line format");
        assertEquals(List.of("CLIENT_ERROR bad command line format\r\n"), take());
    }

    @Test
    void withoutTrackingNothingChangesForStreams() {
        replies.beginResponse();
        replies.line("STORED");
        ByteBuf all = replies.takeAll();
        assertEquals("STORED\r\n", all.toString(StandardCharsets.US_ASCII));
        all.release();
    }
}
