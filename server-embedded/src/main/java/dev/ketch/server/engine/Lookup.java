package dev.ketch.server.engine;

/** How a lookup went, where a plain hit or miss does not say enough. */
public enum Lookup {
    /** Found; the sink received the item. */
    HIT,
    /** Not found (or its value was gone from external storage). */
    MISS,
    /** Found in external storage, but no memory could be had to read the value into. */
    NO_MEMORY
}
