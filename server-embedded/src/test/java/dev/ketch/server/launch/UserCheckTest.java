package dev.ketch.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UserCheckTest {

    private static final Map<String, Long> USERS = Map.of("root", 0L, "nobody", 65534L);

    private static UserCheck asRoot(boolean root) {
        return new UserCheck(root, name -> USERS.containsKey(name) ? OptionalLong.of(USERS.get(name)) : OptionalLong.empty());
    }

    @Test
    void rootWithoutTheUSwitchStarts() {
        assertEquals(Optional.empty(), asRoot(true).check(null));
        assertEquals(Optional.empty(), asRoot(true).check(""));
    }

    @Test
    void rootWithUnknownUserIsEXNoUser() {
        assertEquals(Optional.of(new Refusal(67, "can't find the user nonexist to switch to")),
                asRoot(true).check("nonexist"));
    }

    @Test
    void rootMayOnlyStayRoot() {
        assertTrue(asRoot(true).check("root").isEmpty());
        Refusal r = asRoot(true).check("nobody").orElseThrow();
        assertEquals(71, r.status());
        assertTrue(r.message().startsWith("failed to assume identity of user nobody"), r.message());
    }

    @Test
    void anUnprivilegedProcessIgnoresTheUSwitch() {
        assertTrue(asRoot(false).check(null).isEmpty());
        assertTrue(asRoot(false).check("nonexist").isEmpty());
        assertTrue(asRoot(false).check("nobody").isEmpty());
    }

    @Test
    void readsUidsFromPasswdLines() {
        List<String> passwd = List.of("root:x:0:0:root:/root:/bin/bash", "# comment", "",
                "memcache:x:104:110:Memcached,,,:/nonexistent:/bin/false", "broken:x:abc:1::/:/bin/sh");
        assertEquals(OptionalLong.of(0), UserCheck.uidIn(passwd, "root"));
        assertEquals(OptionalLong.of(104), UserCheck.uidIn(passwd, "memcache"));
        assertEquals(OptionalLong.empty(), UserCheck.uidIn(passwd, "memcach"));
        assertEquals(OptionalLong.empty(), UserCheck.uidIn(passwd, "broken"));
    }

    @Test
    void thisProcessRootnessAgreesWithItsUserName() {
        // the build runs either as root or not; both probes must agree on this Linux box
        assertEquals("root".equals(System.getProperty("user.name")), UserCheck.runningAsRoot());
    }
}
