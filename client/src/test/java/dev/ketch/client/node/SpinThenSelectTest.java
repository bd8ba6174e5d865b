package dev.ketch.client.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.SelectStrategy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpinThenSelectTest {

    @Test
    void withinTheBudgetItPollsWithoutWaitingAndReportsWhatIsReady() throws Exception {
        SpinThenSelect strategy = new SpinThenSelect(TimeUnit.HOURS.toNanos(1));
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
        SpinThenSelect strategy = new SpinThenSelect(1);
        int strategyChosen = 0;
        for (int i = 0; i < 1_000_000 && strategyChosen != SelectStrategy.SELECT; i++) {
            strategyChosen = strategy.calculateStrategy(() -> 0, false);
        }
        assertEquals(SelectStrategy.SELECT, strategyChosen, "a spent budget blocks in select");
        SpinThenSelect generous = new SpinThenSelect(TimeUnit.HOURS.toNanos(1));
        assertEquals(0, generous.calculateStrategy(() -> 0, false), "a fresh stretch of idleness polls first");
    }
}
