package dev.ketch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VersionTest {

    @Test
    void theBuildEmulatesTheVersionTheCodeClaims() {
        assertEquals(Version.MEMCACHED_VERSION, Version.emulatedByBuild(),
                "root pom memcached.emulated.version and Version.MEMCACHED_VERSION disagree");
    }

    @Test
    void ketchVersionComesFromMaven() {
        assertTrue(Version.ketch().matches("\\d+\\.\\d+\\.\\d+.*"), Version.ketch());
    }

    @Test
    void fullVersionStartsWithTheMemcachedVersion() {
        assertEquals("1.6.18-ketch-" + Version.ketch(), Version.full());
    }
}
