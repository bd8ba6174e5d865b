package dev.ketch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ServerSelectionExampleTest {

    /** libmemcached 1.1.4 (ketama weighted, MD5) sends user:42 to the second server, as WhichServer shows. */
    @Test
    void user42GoesWhereLibmemcachedPutsIt() {
        assertEquals("10.0.0.2:11211", ServerSelectionExample.serverOfUser42().toString());
    }
}
