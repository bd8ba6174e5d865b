package dev.ketch.server.protocol.binary;

import dev.ketch.server.engine.Cache;
import dev.ketch.server.engine.ItemSink;
import dev.ketch.server.engine.ItemView;

/**
 * {@code GET}, {@code GETK}, {@code TOUCH}, {@code GAT}, {@code GATK} and their quiet variants
 * (memcached's {@code process_bin_get_or_touch}). A hit answers flags, then the key for the K
 * variants, then the value (not for {@code TOUCH}), copied from the item into the output buffer.
 * A quiet miss answers nothing; a K miss answers the key, others "Not found".
 */
final class BinaryRetrieval {

    private final BinarySession session;
    private final Cache cache;
    private final ItemSink writeItem = this::writeItem;
    private boolean withKey;
    private boolean withValue;

    BinaryRetrieval(BinarySession session) {
        this.session = session;
        this.cache = session.server.cache();
    }

    Next getOrTouch() {
        int cmd = session.command;
        boolean touch = cmd == Opcodes.TOUCH || cmd == Opcodes.GAT || cmd == Opcodes.GATK;
        withKey = cmd == Opcodes.GETK || cmd == Opcodes.GATK;
        withValue = cmd != Opcodes.TOUCH;
        byte[] key = session.key();
        session.trace("<" + session.connectionId + (touch ? " TOUCH " : " GET ") + session.keyText());
        boolean hit = touch
                ? cache.getAndTouch(key, session.extrasUnsignedInt(0), writeItem)
                : cache.get(key, writeItem);
        if (session.server.settings().detailEnabled) {
            session.server.prefixStats().recordGet(key, hit);
        }
        if (hit || session.quiet) {
            return Next.NEW_COMMAND;
        }
        if (withKey) {
            session.replies.missWithKey(key);
            return Next.NEW_COMMAND;
        }
        session.replies.error(Status.KEY_ENOENT);
        return Next.TRANSMIT;
    }

    private void writeItem(ItemView item) {
        session.replies.item(item, withKey, withValue);
    }
}
