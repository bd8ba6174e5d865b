/**
 * spymemcached's logging facade; {@code net.spy.log.LoggerImpl} chooses the logger.
 */
package net.spy.memcached.compat.log;
