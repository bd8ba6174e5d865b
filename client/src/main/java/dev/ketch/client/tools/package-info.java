/**
 * Command-line tools shipped in the client jar: {@link dev.ketch.client.tools.WhichServer} prints
 * which server each key goes to.
 */
package dev.ketch.client.tools;
