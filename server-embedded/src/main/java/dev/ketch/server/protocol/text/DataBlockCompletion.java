package dev.ketch.server.protocol.text;

/** Finishes a store once its data block has been read into {@link TextSession#pending()}. */
@FunctionalInterface
interface DataBlockCompletion {
    CommandResult complete();
}
