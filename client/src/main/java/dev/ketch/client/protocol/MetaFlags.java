package dev.ketch.client.protocol;

/**
 * The return flags of one meta protocol reply: {@code t} remaining TTL, {@code l} seconds since
 * last access, {@code h} hit before, {@code s} size, {@code O} opaque, and the stampede flags
 * {@code W} (won the right to recache), {@code X} (stale), {@code Z} (someone else won).
 */
public final class MetaFlags {

    /** A field the reply did not carry. */
    public static final long ABSENT = Long.MIN_VALUE;

    private long ttl;
    private long lastAccess;
    private long hitBefore;
    private long size;
    private long opaque;
    private boolean won;
    private boolean stale;
    private boolean alreadyWon;

    MetaFlags() {
        clear();
    }

    void clear() {
        ttl = ABSENT;
        lastAccess = ABSENT;
        hitBefore = ABSENT;
        size = ABSENT;
        opaque = ABSENT;
        won = false;
        stale = false;
        alreadyWon = false;
    }

    /** Remaining TTL in seconds, -1 for none, or {@link #ABSENT}. */
    public long ttl() {
        return ttl;
    }

    public MetaFlags ttl(long ttl) {
        this.ttl = ttl;
        return this;
    }

    public long lastAccess() {
        return lastAccess;
    }

    public MetaFlags lastAccess(long seconds) {
        this.lastAccess = seconds;
        return this;
    }

    /** 1 if the item was fetched before, 0 if not, or {@link #ABSENT}. */
    public long hitBefore() {
        return hitBefore;
    }

    public MetaFlags hitBefore(long hit) {
        this.hitBefore = hit;
        return this;
    }

    public long size() {
        return size;
    }

    public MetaFlags size(long size) {
        this.size = size;
        return this;
    }

    /** The numeric opaque token ({@code O}) the reply carried, or {@link #ABSENT}. */
    public long opaque() {
        return opaque;
    }

    public MetaFlags opaque(long opaque) {
        this.opaque = opaque;
        return this;
    }

    public boolean won() {
        return won;
    }

    public MetaFlags won(boolean won) {
        this.won = won;
        return this;
    }

    public boolean stale() {
        return stale;
    }

    public MetaFlags stale(boolean stale) {
        this.stale = stale;
        return this;
    }

    public boolean alreadyWon() {
        return alreadyWon;
    }

    public MetaFlags alreadyWon(boolean alreadyWon) {
        this.alreadyWon = alreadyWon;
        return this;
    }
}
