/**
 * spymemcached's operations, their callbacks and statuses, as its {@code OperationFactory} makes them.
 */
package net.spy.memcached.ops;
