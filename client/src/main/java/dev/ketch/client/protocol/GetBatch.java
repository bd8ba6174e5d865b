package dev.ketch.client.protocol;

import dev.ketch.client.MemcacheStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;

/**
 * Single-key gets of any callers that were queued on one connection together. memcached answers
 * each text-protocol {@code get} with a write of its own, so a pipeline of single gets costs it a
 * system call per get; {@code get k1 k2 ... kn} costs one. From {@link #MIN_ONE_LINE} gets on
 * the batch goes out as that one command; fewer go out as a command each (as they would alone),
 * since then the write per get costs little and lets each caller have its reply sooner. The batch
 * stands for its members only on the wire: each member keeps its own future, listener and result.
 * Items come back in request order, so the members are matched by walking them in order (a member
 * passed over is a miss), which also serves a key asked for twice.
 *
 * <p>The batch itself has no listener (its members are counted where they were submitted); its
 * deadline is its last member's; failing it (timeout, connection closed or lost, bad reply, error
 * line) fails every member that has not finished.
 */
public final class GetBatch extends Operation<Void> {

    /** Longest batch, in keys: longer ones are split, keeping request lines to a few kilobytes. */
    static final int MAX_KEYS = 64;
    /**
     * Fewer gets than this go out as separate commands. memcached answers each at once, so a
     * caller waiting for one of a few gets (blocking callers, a short pipeline) has it sooner; the
     * write per get only costs throughput when many are queued.
     */
    static final int MIN_ONE_LINE = 16;

    private final List<GetOperation<?, ?>> members;
    private final boolean withCas;
    private final boolean oneLine;
    private final Reply miss = new Reply().reset(Reply.Kind.SINGLE, MemcacheStatus.KEY_NOT_FOUND);
    private int next;

    private GetBatch(OpKind memberKind, List<GetOperation<?, ?>> members) {
        super(OpKind.GET_BATCH);
        this.members = members;
        GetOperation<?, ?> last = members.get(members.size() - 1);
        long start = members.get(0).startNanos();
        bind(null, null, start, last.deadlineNanos() - start);
        this.withCas = memberKind == OpKind.GETS;
        this.oneLine = members.size() >= MIN_ONE_LINE;
    }

    /** True for an operation a batch may carry: a get or gets that expects its reply. */
    public static boolean batchable(Operation<?> op) {
        return (op.kind() == OpKind.GET || op.kind() == OpKind.GETS) && !op.noreply();
    }

    /**
     * {@code first}, or a batch of {@code first} and the operations of its kind that follow it
     * in {@code queue} (taken from it), up to 64 keys. Operations already finished
     * (timed out while queued) are dropped.
     */
    public static Operation<?> collect(Operation<?> first, Queue<Operation<?>> queue) {
        if (!batchable(first)) {
            return first;
        }
        List<GetOperation<?, ?>> members = null;
        Operation<?> next;
        while ((next = queue.peek()) != null && (next.isDone() || next.kind() == first.kind() && batchable(next))) {
            queue.poll();
            if (next.isDone()) {
                continue;
            }
            if (members == null) {
                members = new ArrayList<>();
                members.add((GetOperation<?, ?>) first);
            }
            members.add((GetOperation<?, ?>) next);
            if (members.size() == MAX_KEYS) {
                break;
            }
        }
        return members == null ? first : new GetBatch(first.kind(), members);
    }

    /**
     * True if the batch goes out as one {@code get k1 k2 ...} (one reply, one END); false if as a
     * command per get, each answered with its own END.
     */
    public boolean oneLine() {
        return oneLine;
    }

    /** True for {@code gets}: the batch asks for CAS uniques. */
    public boolean withCas() {
        return withCas;
    }

    /** The members, in request order. */
    public List<GetOperation<?, ?>> members() {
        return members;
    }

    @Override
    public boolean onReply(Reply reply) {
        return oneLine ? onOneLineReply(reply) : onSeparateReply(reply);
    }

    private boolean onOneLineReply(Reply reply) {
        if (reply.kind() != Reply.Kind.END) {
            while (next < members.size()) {
                GetOperation<?, ?> member = members.get(next++);
                if (Arrays.equals(member.key(), reply.key())) {
                    member.onReply(reply);
                    return false;
                }
                member.onReply(miss);
            }
            return false; // an item nobody asked for: memcached never sends one
        }
        if (!reply.isOk()) {
            fail(Results.error(reply));
            return true;
        }
        while (next < members.size()) {
            members.get(next++).onReply(miss);
        }
        complete(null);
        return true;
    }

    /** One get per command: an item answers the current member, its END (or error) moves on. */
    private boolean onSeparateReply(Reply reply) {
        GetOperation<?, ?> member = members.get(next);
        if (reply.kind() != Reply.Kind.END) {
            member.onReply(reply);
            return false;
        }
        if (!reply.isOk()) {
            member.fail(Results.error(reply));
        } else if (!member.isDone()) {
            member.onReply(miss);
        }
        if (++next < members.size()) {
            return false;
        }
        complete(null);
        return true;
    }

    @Override
    protected void failed(Throwable failure) {
        for (GetOperation<?, ?> member : members) {
            member.fail(failure);
        }
    }
}
