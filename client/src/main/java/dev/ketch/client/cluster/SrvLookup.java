package dev.ketch.client.cluster;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NamingEnumeration;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/** Looks up DNS SRV records, for {@link ServerDiscovery#dnsSrv(String, SrvLookup)}. */
@FunctionalInterface
public interface SrvLookup {

    /**
     * One SRV record.
     *
     * @param priority the record's priority
     * @param weight the record's weight
     * @param port the target's port
     * @param target the target host name, without a trailing dot
     */
    record SrvRecord(int priority, int weight, int port, String target) {
    }

    /** The JDK's JNDI DNS provider ({@code jdk.naming.dns}), asking the system's name servers. */
    SrvLookup JNDI = name -> jndi(name, null);

    /** The records of {@code name}; empty if it has none. */
    List<SrvRecord> lookup(String name) throws Exception;

    /**
     * The JNDI DNS provider asking the name servers of {@code providerUrl} (e.g. {@code
     * dns://10.0.0.2:53}), or the system's when it is null.
     */
    static List<SrvRecord> jndi(String name, String providerUrl) throws javax.naming.NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        if (providerUrl != null) {
            env.put("java.naming.provider.url", providerUrl);
        }
        DirContext context = new InitialDirContext(env);
        try {
            Attributes attributes = context.getAttributes(name, new String[] {"SRV"});
            Attribute srv = attributes.get("SRV");
            List<SrvRecord> records = new ArrayList<>();
            if (srv == null) {
                return records;
            }
            NamingEnumeration<?> values = srv.getAll();
            while (values.hasMore()) {
                String[] fields = values.next().toString().trim().split("\\s+");
                if (fields.length != 4) {
                    throw new IllegalArgumentException("malformed SRV record of " + name + ": " + String.join(" ", fields));
                }
                String target = fields[3].endsWith(".") ? fields[3].substring(0, fields[3].length() - 1) : fields[3];
                records.add(new SrvRecord(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]),
                        Integer.parseInt(fields[2]), target));
            }
            return records;
        } finally {
            context.close();
        }
    }
}
