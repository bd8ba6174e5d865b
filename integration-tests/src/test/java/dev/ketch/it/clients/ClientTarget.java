package dev.ketch.it.clients;

import java.util.ArrayList;
import java.util.List;

/**
 * Where one run of a client scenario goes: a server side and the protocol the client speaks. A
 * parameterized scenario runs once per target, the control (real memcached) first.
 *
 * @param side     real memcached (control) or Ketch
 * @param protocol text or binary
 */
public record ClientTarget(Side side, WireProtocol protocol) {

    /** Every side with each of {@code protocols}, memcached first. */
    public static List<ClientTarget> each(WireProtocol... protocols) {
        List<ClientTarget> targets = new ArrayList<>();
        for (Side side : Side.values()) {
            for (WireProtocol protocol : protocols) {
                targets.add(new ClientTarget(side, protocol));
            }
        }
        return targets;
    }

    @Override
    public String toString() {
        return side.label() + ", " + protocol;
    }
}
