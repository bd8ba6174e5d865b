package net.spy.memcached;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Asks a server for its SASL mechanisms with one binary-protocol {@code SASL_LIST_MECHS} request on
 * a short-lived connection of its own (the Ketch client has no such request).
 */
final class SaslMechanisms {

    private static final int HEADER = 24;
    private static final byte REQUEST = (byte) 0x80;
    private static final byte RESPONSE = (byte) 0x81;
    private static final byte LIST_MECHS = 0x20;

    private SaslMechanisms() {
    }

    /**
     * Adds the server's mechanisms to {@code into}; adds nothing if the server refuses the request.
     *
     * @throws IOException if the server cannot be reached or answers nonsense within {@code timeoutMillis}
     */
    static void query(InetSocketAddress server, int timeoutMillis, Set<String> into) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.getHostString(), server.getPort()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            byte[] request = new byte[HEADER];
            request[0] = REQUEST;
            request[1] = LIST_MECHS;
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] header = new byte[HEADER];
            new DataInputStream(in).readFully(header);
            if (header[0] != RESPONSE || header[1] != LIST_MECHS) {
                throw new IOException("not a SASL_LIST_MECHS response from " + server);
            }
            int status = (header[6] & 0xff) << 8 | header[7] & 0xff;
            int bodyLength = (header[8] & 0xff) << 24 | (header[9] & 0xff) << 16 | (header[10] & 0xff) << 8
                    | header[11] & 0xff;
            if (bodyLength < 0 || bodyLength > 64 * 1024) {
                throw new IOException("implausible SASL_LIST_MECHS body of " + bodyLength + " bytes from " + server);
            }
            byte[] body = new byte[bodyLength];
            new DataInputStream(in).readFully(body);
            if (status == 0) {
                for (String mech : new String(body, StandardCharsets.US_ASCII).split(" ")) {
                    if (!mech.isEmpty()) {
                        into.add(mech);
                    }
                }
            }
        }
    }
}
