package dev.ketch.server.storage.extstore;

/**
 * Where an object was written: the page, the page's version at the time (a page reused later gets
 * a new version, so a stale location is recognised), and the byte offset inside the page.
 *
 * @param pageId the page
 * @param version the page's version when the object was written
 * @param offset the object's first byte within the page
 */
public record Location(int pageId, int version, int offset) {
}
