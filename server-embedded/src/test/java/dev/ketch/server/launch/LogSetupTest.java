package dev.ketch.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogSetupTest {

    private Properties saved;

    @BeforeEach
    void save() {
        saved = (Properties) System.getProperties().clone();
    }

    @AfterEach
    void restore() {
        System.setProperties(saved);
    }

    @Test
    void verbosityToLevel() {
        assertEquals("warn", LogSetup.levelFor(0));
        assertEquals("info", LogSetup.levelFor(1));
        assertEquals("debug", LogSetup.levelFor(2));
        assertEquals("trace", LogSetup.levelFor(3));
        assertEquals("trace", LogSetup.levelFor(7));
    }

    @Test
    void configuresSimpleLoggerForStderrWithoutOverridingExplicitSettings() {
        System.clearProperty("org.slf4j.simpleLogger.defaultLogLevel");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "true");
        LogSetup.configure(2);
        assertEquals("debug", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel"));
        assertEquals("System.err", System.getProperty("org.slf4j.simpleLogger.logFile"));
        assertEquals("true", System.getProperty("org.slf4j.simpleLogger.showThreadName"));
        assertEquals("false", System.getProperty("org.slf4j.simpleLogger.showLogName"));
        assertEquals("warn", System.getProperty("org.slf4j.simpleLogger.log.io.netty"));
    }
}
