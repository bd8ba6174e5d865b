package dev.ketch.server.tls;

import io.netty.handler.ssl.CipherSuiteConverter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code -o ssl_ciphers}: an OpenSSL cipher list ({@code ECDHE-RSA-AES128-GCM-SHA256:...}) turned
 * into the JDK's names of the same suites. Names of suites this JVM supports are kept; JDK names
 * ({@code TLS_ECDHE_...}) are taken as they are; OpenSSL's keywords and operators
 * ({@code HIGH}, {@code !aNULL}) have no JDK equivalent and are skipped. As with OpenSSL, the list
 * is refused only when nothing in it names a usable suite. The list governs TLS 1.2 and older;
 * TLS 1.3's suites stay the JVM's defaults, as OpenSSL keeps them apart too.
 */
final class CipherList {

    /** The suites kept, and the entries skipped (for a warning). */
    record Resolved(String[] jdkSuites, List<String> skipped) {
    }

    private CipherList() {
    }

    /** Resolves {@code list} against {@code supported} (JDK names); empty suites when nothing matched. */
    static Resolved resolve(String list, String[] supported) {
        Map<String, String> byOpenSslName = new HashMap<>();
        Set<String> jdkNames = new LinkedHashSet<>(List.of(supported));
        for (String jdk : supported) {
            String openssl = CipherSuiteConverter.toOpenSsl(jdk, false);
            if (openssl != null) {
                byOpenSslName.putIfAbsent(openssl, jdk);
            }
        }
        Set<String> kept = new LinkedHashSet<>();
        List<String> skipped = new ArrayList<>();
        for (String entry : list.split("[:, ]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            String jdk = byOpenSslName.get(entry);
            if (jdk == null && jdkNames.contains(entry)) {
                jdk = entry;
            }
            if (jdk != null && !jdk.startsWith("TLS_AES_") && !jdk.startsWith("TLS_CHACHA20_")) {
                kept.add(jdk);
            } else {
                skipped.add(entry);
            }
        }
        if (!kept.isEmpty()) {
            for (String jdk : supported) {
                if (jdk.startsWith("TLS_AES_") || jdk.startsWith("TLS_CHACHA20_")) {
                    kept.add(jdk); // TLS 1.3 suites, outside ssl_ciphers as in OpenSSL
                }
            }
        }
        return new Resolved(kept.toArray(String[]::new), skipped);
    }
}
