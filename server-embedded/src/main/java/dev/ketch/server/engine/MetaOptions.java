package dev.ketch.server.engine;

/**
 * What a meta command asks of the engine: memcached's {@code _meta_flags} without the parts that
 * only shape the reply (opaque, key echo, which values to return, quiet mode). A protocol fills it
 * from its request and passes it to {@link MetaOperations}. Exptimes are protocol exptimes (0
 * never, up to 30 days relative, else unix time, negative already expired); the engine converts
 * them when the command runs.
 *
 * <p>Mutable and reusable: a connection keeps one and calls {@link #reset()} before each command.
 */
public final class MetaOptions {

    /** Create an empty item on a miss ({@code N}); {@link #vivifyExptime} is its expiry. */
    public boolean vivify;
    public int vivifyExptime;

    /** A new expiry was given ({@code T}). */
    public boolean newTtl;
    public int exptime;

    /** Win the recache token when the item expires before this exptime ({@code R}). */
    public int recacheExptime;

    /** Do not bump the item in the LRU ({@code u}). */
    public boolean noBump;

    /**
     * Bump the item only after the reply was built (memcached's "locked" meta get, chosen by the
     * {@code h l N R T} flags), so hit-before and last-access show the state before this request.
     */
    public boolean bumpAfterReply;

    /** Compare the item's CAS unique with {@link #cas} ({@code C}). */
    public boolean hasCas;
    public long cas;

    /** Invalidate instead of deleting, or store a lower CAS as stale ({@code I}). */
    public boolean invalidate;

    /** Arithmetic: decrement instead of increment. */
    public boolean decrement;
    /** Arithmetic: the delta ({@code D}, default 1). */
    public long delta = 1;
    /** Arithmetic: the value an item created on a miss starts with ({@code J}). */
    public long initial;

    /** Back to "no flags". */
    public void reset() {
        vivify = false;
        vivifyExptime = 0;
        newTtl = false;
        exptime = 0;
        recacheExptime = 0;
        noBump = false;
        bumpAfterReply = false;
        hasCas = false;
        cas = 0;
        invalidate = false;
        decrement = false;
        delta = 1;
        initial = 0;
    }
}
