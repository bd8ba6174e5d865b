package dev.ketch.client.node;

import dev.ketch.client.MemcacheTlsException;
import dev.ketch.client.MemcacheTlsException.Reason;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Turns what a TLS implementation throws when a handshake fails into a
 * {@link MemcacheTlsException} that says why in words a person acts on: an expired certificate, a
 * host name the certificate does not cover, an authority the client does not trust, a refused
 * client certificate, a server that does not speak TLS.
 */
final class TlsFailures {

    private TlsFailures() {
    }

    /** Whether {@code cause} comes from TLS (then {@link #describe} has something to say). */
    static boolean isTls(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    static MemcacheTlsException describe(String server, String host, Throwable cause) {
        String prefix = "TLS handshake with " + server + " failed: ";
        String text = chainText(cause);
        Reason reason;
        String why;
        if (has(cause, SslHandshakeTimeoutException.class)) {
            reason = Reason.TIMEOUT;
            why = "no handshake within the connect timeout";
        } else if (has(cause, NotSslRecordException.class)) {
            reason = Reason.NOT_TLS;
            why = "the server did not answer in TLS (is this a plaintext port? memcached serves TLS with -Z)";
        } else if (has(cause, CertificateExpiredException.class) || text.contains("certificate_expired")
                || text.contains("certificate has expired") || expiredPath(cause)) {
            reason = Reason.CERTIFICATE_EXPIRED;
            why = "the server's certificate has expired" + notAfter(cause);
        } else if (has(cause, CertificateNotYetValidException.class)) {
            reason = Reason.CERTIFICATE_EXPIRED;
            why = "the server's certificate is not valid yet";
        } else if (text.contains("no subject alternative") || text.contains("no name matching")
                || text.contains("hostname") && text.contains("mismatch") || text.contains("does not match")) {
            reason = Reason.HOSTNAME_MISMATCH;
            why = "the server's certificate does not name the host \"" + host + "\" (host name verification)";
        } else if (text.contains("unable to find valid certification path") || text.contains("unknown_ca")
                || text.contains("unable to get local issuer") || text.contains("self signed")
                || text.contains("self-signed") || text.contains("path building failed")
                || text.contains("no trust") || text.contains("not trusted")) {
            reason = Reason.UNTRUSTED_CERTIFICATE;
            why = "the server's certificate is not issued by a trusted authority (unknown CA)";
        } else if (text.contains("certificate_required") || text.contains("bad_certificate")
                || text.contains("certificate_unknown") || text.contains("handshake_failure") && text.contains("alert")
                || text.contains("unsupported_certificate") || text.contains("access_denied")) {
            reason = Reason.CLIENT_CERTIFICATE_REFUSED;
            why = "the server refused the client certificate (none given, or not issued by an authority the"
                    + " server trusts)";
        } else if (text.contains("protocol_version") || text.contains("no appropriate protocol")
                || text.contains("insufficient_security") || text.contains("no cipher suites in common")) {
            reason = Reason.NO_COMMON_PROTOCOL;
            why = "client and server have no TLS version or cipher suite in common";
        } else {
            reason = Reason.OTHER;
            why = deepestMessage(cause);
        }
        return new MemcacheTlsException(reason, prefix + why, cause);
    }

    private static boolean expiredPath(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CertPathValidatorException v
                    && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return true;
            }
        }
        return false;
    }

    private static String notAfter(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException && t.getMessage() != null) {
                return " (" + t.getMessage() + ")";
            }
        }
        return "";
    }

    private static boolean has(Throwable cause, Class<? extends Throwable> type) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String chainText(Throwable cause) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            b.append(t).append('\n');
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    private static String deepestMessage(Throwable cause) {
        Throwable t = cause;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
