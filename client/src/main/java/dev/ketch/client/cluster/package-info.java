/**
 * Failover settings ({@link dev.ketch.client.cluster.Failover},
 * {@link dev.ketch.client.cluster.FailoverPolicy}) are API. The other types of this package (the
 * cluster's membership and ring state) are internal to Ketch and may change in any release.
 */
package dev.ketch.client.cluster;
