package dev.ketch.client.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ketch.client.MemcacheTimeoutException;
import dev.ketch.client.MemcacheUnavailableException;
import dev.ketch.client.transcode.StringTranscoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** How the parts of a multi-get join when servers are down, and how a stranded part is split. */
class MultiGetCombineTest {

    private static final MemcacheUnavailableException DOWN = new MemcacheUnavailableException("b:1", "b:1 is down", null);

    private static CompletableFuture<Map<String, String>> ok(Map<String, String> found) {
        return CompletableFuture.completedFuture(found);
    }

    private static CompletableFuture<Map<String, String>> failed(Throwable e) {
        return CompletableFuture.failedFuture(e);
    }

    @Test
    void aDeadServersPartIsLeftOutWhenAnotherAnswered() {
        Map<String, String> all = MultiGetOperation.combine(List.of(ok(Map.of("a", "1")), failed(DOWN),
                ok(Map.of("c", "3")))).join();
        assertEquals(Map.of("a", "1", "c", "3"), all);
    }

    @Test
    void whenNoPartAnsweredTheCallFailsWithTheUnavailability() {
        CompletionException e = assertThrows(CompletionException.class,
                () -> MultiGetOperation.combine(List.of(failed(DOWN), failed(DOWN))).join());
        assertEquals(DOWN, e.getCause());
    }

    @Test
    void anyOtherFailureFailsTheWhole() {
        MemcacheTimeoutException timeout = new MemcacheTimeoutException("slow");
        CompletionException e = assertThrows(CompletionException.class,
                () -> MultiGetOperation.combine(List.of(ok(Map.of("a", "1")), failed(DOWN), failed(timeout))).join());
        assertEquals(timeout, e.getCause());
    }

    @Test
    void aForkedOperationCompletesWithWhatItsPartsFound() {
        List<String> names = List.of("a", "b", "c");
        MultiGetOperation<String, String> op = new MultiGetOperation<>(names,
                names.stream().map(n -> n.getBytes(StandardCharsets.UTF_8)).toList(), StringTranscoder.UTF8, false);
        List<MultiGetOperation<String, String>> parts = op.fork(List.of(List.of(0, 2), List.of(1)));
        assertEquals(2, parts.size());
        assertEquals(List.of("a", "c"), parts.get(0).keys().stream().map(k -> new String(k, StandardCharsets.UTF_8)).toList());
        parts.get(0).complete(Map.of("a", "1"));
        assertEquals(false, op.future().isDone(), "waits for every part");
        parts.get(1).fail(DOWN);
        assertEquals(Map.of("a", "1"), op.future().join());
    }

    @Test
    void aForkedOperationWhosePartsAllFailFails() {
        MultiGetOperation<String, String> op = new MultiGetOperation<>(List.of("a", "b"),
                List.of("a".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8)),
                StringTranscoder.UTF8, false);
        List<MultiGetOperation<String, String>> parts = op.fork(List.of(List.of(0), List.of(1)));
        parts.get(0).fail(DOWN);
        parts.get(1).fail(DOWN);
        assertInstanceOf(MemcacheUnavailableException.class,
                assertThrows(CompletionException.class, () -> op.future().join()).getCause());
    }
}
