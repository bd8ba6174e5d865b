package dev.ketch.micrometer;

import dev.ketch.client.MemcacheAuthenticationException;
import dev.ketch.client.MemcacheClosedException;
import dev.ketch.client.MemcacheConnectionException;
import dev.ketch.client.MemcacheOverloadedException;
import dev.ketch.client.MemcacheServerException;
import dev.ketch.client.MemcacheTimeoutException;
import dev.ketch.client.MemcacheUnavailableException;

/** The {@code cause} tag of {@code ketch.errors}: a few values, whatever the exception. */
final class ErrorCause {

    private ErrorCause() {
    }

    static String of(Throwable failure) {
        if (failure instanceof MemcacheTimeoutException) {
            return "timeout";
        } else if (failure instanceof MemcacheUnavailableException) {
            return "unavailable";
        } else if (failure instanceof MemcacheOverloadedException) {
            return "overloaded";
        } else if (failure instanceof MemcacheAuthenticationException) {
            return "authentication";
        } else if (failure instanceof MemcacheConnectionException) {
            return "connection";
        } else if (failure instanceof MemcacheServerException) {
            return "server";
        } else if (failure instanceof MemcacheClosedException) {
            return "closed";
        }
        return "other";
    }
}
