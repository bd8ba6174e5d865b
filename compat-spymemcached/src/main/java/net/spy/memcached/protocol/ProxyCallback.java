package net.spy.memcached.protocol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import net.spy.memcached.ops.GetOperation;
import net.spy.memcached.ops.OperationStatus;

/** The callback of a merged get: each value goes to the gets that asked for its key. */
public class ProxyCallback implements GetOperation.Callback {

    private final Map<String, Collection<GetOperation.Callback>> callbacks = new HashMap<>();
    private final Collection<GetOperation.Callback> allCallbacks = new ArrayList<>();

    /** A proxy of no gets yet. */
    public ProxyCallback() {
    }

    /** Adds get {@code o}'s keys and callback. */
    public void addCallbacks(GetOperation o) {
        GetOperation.Callback c = new GetCallbackWrapper(o.getKeys().size(), (GetOperation.Callback) o.getCallback());
        allCallbacks.add(c);
        for (String key : o.getKeys()) {
            callbacks.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
        }
    }

    @Override
    public void gotData(String key, int flags, byte[] data) {
        Collection<GetOperation.Callback> cbs = callbacks.get(key);
        if (cbs != null) {
            for (GetOperation.Callback c : cbs) {
                c.gotData(key, flags, data);
            }
        }
    }

    @Override
    public void receivedStatus(OperationStatus status) {
        for (GetOperation.Callback c : allCallbacks) {
            c.receivedStatus(status);
        }
    }

    @Override
    public void complete() {
        for (GetOperation.Callback c : allCallbacks) {
            c.complete();
        }
    }

    /** Distinct keys asked for. */
    public int numKeys() {
        return callbacks.size();
    }

    /** Gets merged. */
    public int numCallbacks() {
        return allCallbacks.size();
    }
}
