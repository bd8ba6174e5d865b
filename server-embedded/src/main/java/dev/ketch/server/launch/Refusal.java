package dev.ketch.server.launch;

/**
 * The launcher must stop before serving: print {@code message} (one or more lines, without the
 * final newline) to stderr and exit with {@code status}.
 */
public record Refusal(int status, String message) {
}
