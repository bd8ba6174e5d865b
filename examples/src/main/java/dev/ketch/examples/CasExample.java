package dev.ketch.examples;

import dev.ketch.client.CasResult;
import dev.ketch.client.GetResult;
import dev.ketch.client.MemcacheClient;
import java.util.function.UnaryOperator;

/** Read, change and write back a value without losing a concurrent writer's update. */
public final class CasExample {

    private CasExample() {
    }

    // tag::cas[]
    /** Applies {@code change} to the value of {@code key}; false when the key does not exist. */
    static boolean update(MemcacheClient<String> client, String key, UnaryOperator<String> change) {
        while (true) {
            GetResult<String> current = client.blocking().gets(key);      // value, flags and CAS unique
            if (current == null) {
                return false;
            }
            String changed = change.apply(current.value());
            CasResult result = client.blocking().cas(key, 3600, changed, current.cas());
            if (result != CasResult.EXISTS) {                              // EXISTS: someone wrote in between
                return result == CasResult.OK;
            }
        }
    }
    // end::cas[]

    public static void main(String[] args) {
        try (MemcacheClient<String> client = MemcacheClient.builder().servers(args[0]).build()) {
            client.blocking().set("visits", 0, "1");
            update(client, "visits", v -> Integer.toString(Integer.parseInt(v) + 1));
            System.out.println(client.blocking().get("visits"));         // 2
        }
    }
}
