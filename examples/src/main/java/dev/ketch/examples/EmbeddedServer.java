package dev.ketch.examples;

// tag::embedded[]
import dev.ketch.client.MemcacheClient;
import dev.ketch.server.MemcachedServer;

public class EmbeddedServer {

    public static void main(String[] args) {
        try (MemcachedServer server = MemcachedServer.builder()
                .port(0)                          // any free port
                .listenAddress("127.0.0.1")
                .memoryLimitMb(64)
                .start();
             MemcacheClient<String> client = MemcacheClient.builder()
                .servers("127.0.0.1:" + server.port())
                .build()) {
            client.blocking().set("k", 0, "v");
            System.out.println(client.blocking().get("k"));   // v
        }
    }
}
// end::embedded[]
