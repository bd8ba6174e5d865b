package dev.ketch.server.engine;

/**
 * Receives a found item while the engine holds its lock. The {@link ItemView} is only valid during
 * the call: copy what you need (into your output buffer) and return quickly.
 */
@FunctionalInterface
public interface ItemSink {
    void accept(ItemView item);
}
