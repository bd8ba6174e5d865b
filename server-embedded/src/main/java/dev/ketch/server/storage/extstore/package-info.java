/**
 * The page store behind the server's external storage ({@code -o ext_path=...}): files cut into
 * pages, written through write buffers, read back by location, reclaimed and evicted by page.
 */
package dev.ketch.server.storage.extstore;
