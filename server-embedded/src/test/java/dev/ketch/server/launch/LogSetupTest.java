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
    void configuresSimpleLoggerForStderrWithoutOverridingExplicitSettings() {
        System.clearProperty("org.slf4j.simpleLogger.defaultLogLevel");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "true");
        LogSetup.configure();
        assertEquals("warn", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel"));
        assertEquals("System.err", System.getProperty("org.slf4j.simpleLogger.logFile"));
        assertEquals("true", System.getProperty("org.slf4j.simpleLogger.showThreadName"));
        assertEquals("false", System.getProperty("org.slf4j.simpleLogger.showLogName"));
        assertEquals("warn", System.getProperty("org.slf4j.simpleLogger.log.io.netty"));
    }
}
