/**
 * Micrometer metrics and Observations for the Ketch client: install {@link dev.ketch.micrometer.KetchMetrics}
 * as the client's listener.
 */
package dev.ketch.micrometer;
