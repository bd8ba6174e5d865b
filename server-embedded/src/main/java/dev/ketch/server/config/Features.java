package dev.ketch.server.config;

/**
 * Which optional memcached transports this build of Ketch can serve. memcached's test suite reads
 * the {@code -h} text to decide what to test, so {@link Usage} shows a feature's options only when
 * it is on here, and the launcher refuses the options of a feature that is off.
 *
 * @param unixSocket {@code -s}/{@code -a}: listening on a UNIX domain socket
 * @param udp {@code -U} with a non-zero port
 * @param sasl {@code -S}: binary protocol SASL authentication
 * @param binaryProtocol {@code -B binary}: memcached's binary protocol
 * @param asciiAuth {@code -Y}: text protocol authentication
 */
public record Features(boolean unixSocket, boolean udp, boolean sasl, boolean binaryProtocol, boolean asciiAuth) {

    /** What this build supports; switch a flag on in the change that implements it. */
    public static final Features CURRENT = new Features(true, true, true, true, true);

    /** Everything on (tests of the option handling). */
    public static final Features ALL = new Features(true, true, true, true, true);
}
