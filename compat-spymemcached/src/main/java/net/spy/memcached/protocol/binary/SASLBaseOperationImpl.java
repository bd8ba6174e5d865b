package net.spy.memcached.protocol.binary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.security.auth.callback.CallbackHandler;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslException;
import net.spy.memcached.ops.OperationCallback;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;

/**
 * A SASL exchange step: the request carries the mechanism and the client's response; a
 * {@code continue} reply (0x21) succeeds with the server's challenge as status message.
 */
public abstract class SASLBaseOperationImpl extends OperationImpl {

    private static final int SASL_CONTINUE = 0x21;

    protected final String[] mech;
    protected final byte[] challenge;
    protected final String serverName;
    protected final Map<String, ?> props;
    protected final CallbackHandler cbh;

    /** A step of command {@code c}. */
    public SASLBaseOperationImpl(byte c, String[] m, byte[] ch, String s, Map<String, ?> p, CallbackHandler h,
            OperationCallback cb) {
        super(c, generateOpaque(), cb);
        mech = m;
        challenge = ch;
        serverName = s;
        props = p;
        cbh = h;
    }

    @Override
    public void initialize() {
        try {
            SaslClient sc = Sasl.createSaslClient(mech, null, "memcached", serverName, props, cbh);
            prepareBuffer(sc.getMechanismName(), 0, buildResponse(sc));
        } catch (SaslException e) {
            throw new RuntimeException("Can't make SASL go.", e);
        }
    }

    /** The client's response for this step. */
    protected abstract byte[] buildResponse(SaslClient sc) throws SaslException;

    @Override
    protected void decodePayload(byte[] pl) {
    }

    @Override
    protected void finishedPayload(byte[] pl) throws IOException {
        if (errorCode == SASL_CONTINUE) {
            getCallback().receivedStatus(new OperationStatus(true, new String(pl, StandardCharsets.UTF_8), StatusCode.SUCCESS));
            transitionState(OperationState.COMPLETE);
        } else if (errorCode == 0) {
            getCallback().receivedStatus(new OperationStatus(true, "", StatusCode.SUCCESS));
            transitionState(OperationState.COMPLETE);
        } else {
            super.finishedPayload(pl);
        }
    }

    @Override
    public String toString() {
        return "SASL base operation";
    }
}
