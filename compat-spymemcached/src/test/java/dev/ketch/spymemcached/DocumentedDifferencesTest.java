package dev.ketch.spymemcached;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ketch.spymemcached.testing.BlackHole;
import dev.ketch.spymemcached.testing.Bundled;
import dev.ketch.spymemcached.testing.Impl;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Each place where the drop-in deliberately behaves differently from spymemcached 2.12.3 (the
 * migration guide lists them), shown on both by the same scenario ({@code scenario.Edges}):
 * if spymemcached's behaviour or the drop-in's changed, the list would be wrong, and this fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentedDifferencesTest {

    private Bundled server;
    private BlackHole hole;

    @BeforeAll
    void start() throws IOException {
        server = new Bundled();
        hole = new BlackHole();
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
        hole.close();
    }

    private static void shows(Object spymemcached, Object dropIn, String method, Object... args) {
        assertEquals(spymemcached, Impl.SPYMEMCACHED.call("Edges", method, args), "spymemcached");
        assertEquals(dropIn, Impl.KETCH.call("Edges", method, args), "the drop-in");
    }

    @Test
    void getAndTouchAndDeleteWithCasWorkInTheTextProtocolToo() {
        shows(List.of("getAndTouch threw UnsupportedOperationException", "delete, other cas threw UnsupportedOperationException",
                "delete, its cas threw UnsupportedOperationException"),
                List.of("getAndTouch v", "delete, other cas false", "delete, its cas true"),
                "textGetAndTouchAndCasDelete", server.address());
    }

    @Test
    void saslMechanismsOfAServerWithoutSaslAreNoneNotTheWordsOfItsRefusal() {
        shows("[Unknown, command]", "[]", "saslMechanismsWithoutSasl", server.address());
    }

    @Test
    void aTextErrorReplyKeepsTheConnection() {
        shows(List.of("incr OperationException: CLIENT_ERROR cannot increment or decrement non-numeric value", "get after abc",
                "status CANCELLED", "connections lost 1"),
                List.of("incr OperationException: CLIENT_ERROR cannot increment or decrement non-numeric value", "get after abc",
                        "status ERR_INTERNAL", "connections lost 0"),
                "textErrorReply", server.address());
    }

    /**
     * spymemcached counts a server that accepted the connection as available and writes to it; the
     * drop-in waits for its answer to the connection's version request, so an operation for a
     * server that never answers is not written yet, and cancelling it says so.
     */
    @Test
    void anOperationForAServerThatNeverAnsweredIsCancelledBeforeItIsWritten() {
        shows(List.of("pending cancel false, cancelled true", "done get v", "done cancel false, cancelled true",
                "done get again threw ExecutionException"),
                List.of("pending cancel true, cancelled true", "done get v", "done cancel false, cancelled true",
                        "done get again threw ExecutionException"),
                "cancel", server.address(), hole.address());
    }

    @Test
    void futuresNobodyWaitsOnCompleteByTheirDeadlineAndCallTheirListeners() {
        shows(List.of("listener called within 2 s false", "set done false", "bulk done false"),
                List.of("listener called within 2 s true", "set done true", "bulk done true"),
                "unwaitedFutures", hole.address());
    }

    @Test
    void textKeysWithControlCharactersOtherThanSpymemcachedsFourAreRefused() {
        shows("true", "threw IllegalArgumentException", "tabInTextKey", server.address());
    }

}
