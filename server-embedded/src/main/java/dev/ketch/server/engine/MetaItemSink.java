package dev.ketch.server.engine;

/**
 * Receives the item of a meta get or meta arithmetic while the engine lock is held, applies the
 * request's flags to it in order and renders the reply.
 */
@FunctionalInterface
public interface MetaItemSink {

    /**
     * Returns false when the request turned out to be invalid half-way (memcached checks some
     * flags only while building the reply). A meta get then neither bumps the item nor counts the
     * request; changes already applied stay, as in memcached.
     */
    boolean accept(MetaItem item);
}
