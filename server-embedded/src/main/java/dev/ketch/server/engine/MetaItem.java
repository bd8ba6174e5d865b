package dev.ketch.server.engine;

import dev.ketch.server.storage.ItemLayout;

/**
 * The item a meta command found or created, handed to a {@link MetaItemSink} while the engine
 * lock is held. memcached applies a request's item-changing flags in the order the client sent
 * them, interleaved with the flags that report state ({@code t} before {@code T} shows the old
 * TTL), so the engine exposes each change as a method the protocol calls while it walks its flags.
 *
 * <p>Meta get uses all of it; meta arithmetic uses {@link #created()}, {@link #applyNewTtl()} and
 * {@link #applyVivifyTtl()}. One instance per engine, reused: never keep it beyond the callback.
 */
public final class MetaItem {

    private final ItemView view;
    private long it;
    private boolean created;
    private boolean won;
    private boolean ttlSet;
    private int newExptime;
    private int vivifyExptime;
    private int recacheExptime;

    MetaItem(ItemView view) {
        this.view = view;
    }

    MetaItem at(long item, boolean created, int newExptime, int vivifyExptime, int recacheExptime) {
        this.it = item;
        this.created = created;
        this.won = false;
        this.ttlSet = false;
        this.newExptime = newExptime;
        this.vivifyExptime = vivifyExptime;
        this.recacheExptime = recacheExptime;
        view.at(item);
        return this;
    }

    /** Read access to the item, in its current state. */
    public ItemView item() {
        return view;
    }

    /** True if this request created the item on a miss ({@code N}). */
    public boolean created() {
        return created;
    }

    /** {@code T}: gives the item the request's new expiry. A meta get then counts as a touch. */
    public void applyNewTtl() {
        ItemLayout.exptime(it, newExptime);
        ttlSet = true;
    }

    /** {@code N}: if this request created the item, gives it the requested expiry and the win. */
    public void applyVivifyTtl() {
        if (created) {
            ItemLayout.exptime(it, vivifyExptime);
            won = true;
        }
    }

    /**
     * {@code R}: wins the recache token if no token was handed out yet, the item was not just
     * created, and it expires before the request's threshold.
     */
    public void checkRecache() {
        int exptime = ItemLayout.exptime(it);
        if (!ItemLayout.hasFlag(it, ItemLayout.TOKEN_SENT) && !created && exptime != 0
                && Integer.compareUnsigned(exptime, recacheExptime) < 0) {
            won = true;
        }
    }

    /** True if some client already received the win for this item (reply flag {@code Z}). */
    public boolean tokenAlreadySent() {
        return ItemLayout.hasFlag(it, ItemLayout.TOKEN_SENT);
    }

    /** True if the item was invalidated (reply flag {@code X}). */
    public boolean stale() {
        return ItemLayout.hasFlag(it, ItemLayout.STALE);
    }

    /**
     * Decides the win after all flags were applied: a stale item whose token was not handed out
     * yet is won as well. A win is recorded on the item so later requests see {@code Z}. Returns
     * whether this request won (reply flag {@code W}).
     */
    public boolean settleToken() {
        if (stale() && !tokenAlreadySent()) {
            won = true;
        }
        if (won) {
            ItemLayout.setFlag(it, ItemLayout.TOKEN_SENT);
        }
        return won;
    }

    boolean ttlSet() {
        return ttlSet;
    }
}
