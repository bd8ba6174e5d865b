package dev.ketch.examples;

// tag::quick-start[]
import dev.ketch.client.MemcacheClient;
import java.util.List;
import java.util.Map;

public class ClientQuickStart {

    public static void main(String[] args) {
        String server = args.length > 0 ? args[0] : "127.0.0.1:11211";
        try (MemcacheClient<String> client = MemcacheClient.builder()
                .servers(server)
                .build()) {                                          // connects in the background
            client.set("greeting", 3600, "hello").join();            // CompletableFuture<Boolean>
            String value = client.blocking().get("greeting");        // the same calls, blocking
            Map<String, String> many = client.getMulti(List.of("a", "b", "greeting")).join();
            System.out.println(value + " " + many);                  // hello {greeting=hello}
        }
    }
}
// end::quick-start[]
