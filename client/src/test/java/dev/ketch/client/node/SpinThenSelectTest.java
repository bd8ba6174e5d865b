package dev.ketch.client.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.SelectStrategy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpinThenSelectTest {

    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    @Test
    void withinTheBudgetItPollsWithoutWaitingAndReportsWhatIsReady() throws Exception {
        SpinThenSelect strategy = new SpinThenSelect(HOUR, 0);
        AtomicInteger polls = new AtomicInteger();
        assertEquals(0, strategy.calculateStrategy(() -> {
            polls.incrementAndGet();
            return 0;
        }, false));
        assertEquals(3, strategy.calculateStrategy(() -> 3, false));
        assertEquals(2, strategy.calculateStrategy(() -> 2, true), "queued tasks: poll, never sleep");
        assertEquals(1, polls.get());
    }

    @Test
    void onceTheBudgetIsSpentItSleepsUntilIoAndThenSpinsAgain() throws Exception {
        SpinThenSelect strategy = new SpinThenSelect(1, 0);
        assertEquals(SelectStrategy.SELECT, spinUntilSelect(strategy), "a spent budget blocks in select");
        SpinThenSelect generous = new SpinThenSelect(HOUR, 0);
        assertEquals(0, generous.calculateStrategy(() -> 0, false), "a fresh stretch of idleness polls first");
    }

    @Test
    void withOnlyAReplyBudgetItSleepsAtOnceUnlessAReplyIsUnderway() throws Exception {
        SpinThenSelect strategy = new SpinThenSelect(0, HOUR);
        assertEquals(SelectStrategy.SELECT, strategy.calculateStrategy(() -> 0, false), "nothing expected: sleep");
        // the strategy has run on this thread, as on its event loop: a connection there can tell it
        SpinThenSelect.replyUnderway();
        assertEquals(0, strategy.calculateStrategy(() -> 0, false), "more of a reply expected: poll");
        assertEquals(0, strategy.calculateStrategy(() -> 0, false), "and keep polling within the budget");
        assertEquals(1, strategy.calculateStrategy(() -> 1, false), "the reply came: read it");
        assertEquals(SelectStrategy.SELECT, strategy.calculateStrategy(() -> 0, false),
                "once read, sleep unless told again");
    }

    @Test
    void aSpentReplyBudgetIsNotSpentAgainUntilTheNextReply() throws Exception {
        SpinThenSelect strategy = new SpinThenSelect(0, 1);
        strategy.calculateStrategy(() -> 0, false);
        SpinThenSelect.replyUnderway();
        assertEquals(SelectStrategy.SELECT, spinUntilSelect(strategy), "a server that does not go on: sleep");
        assertEquals(SelectStrategy.SELECT, strategy.calculateStrategy(() -> 0, false), "and stay asleep");
    }

    @Test
    void aReplyUnderwayOnAThreadWithoutTheStrategyChangesNothing() throws Exception {
        Thread other = new Thread(SpinThenSelect::replyUnderway);
        other.start();
        other.join();
        SpinThenSelect fresh = new SpinThenSelect(0, HOUR);
        assertEquals(SelectStrategy.SELECT, fresh.calculateStrategy(() -> 0, false));
    }

    @Test
    void eachEventLoopThreadTellsItsOwnStrategy() throws Exception {
        SpinThenSelect mine = new SpinThenSelect(0, HOUR);
        mine.calculateStrategy(() -> 0, false);
        SpinThenSelect theirs = new SpinThenSelect(0, HOUR);
        Thread loop = new Thread(() -> {
            try {
                theirs.calculateStrategy(() -> 0, false);
                SpinThenSelect.replyUnderway();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        loop.start();
        loop.join();
        assertEquals(SelectStrategy.SELECT, mine.calculateStrategy(() -> 0, false), "not told on this thread");
        assertTrue(theirs.calculateStrategy(() -> 0, false) >= 0, "told on its own thread: polls");
    }

    private static int spinUntilSelect(SpinThenSelect strategy) throws Exception {
        int chosen = 0;
        for (int i = 0; i < 1_000_000 && chosen != SelectStrategy.SELECT; i++) {
            chosen = strategy.calculateStrategy(() -> 0, false);
        }
        return chosen;
    }
}
