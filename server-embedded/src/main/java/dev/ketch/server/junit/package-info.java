/**
 * JUnit 5 support: {@link dev.ketch.server.junit.MemcachedServerExtension} runs a server for a test
 * class.
 */
package dev.ketch.server.junit;
