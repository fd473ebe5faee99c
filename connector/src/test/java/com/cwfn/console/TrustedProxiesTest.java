package com.cwfn.console;

import static com.cwfn.console.ConsoleHttpTest.login;
import static com.cwfn.console.ConsoleHttpTest.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cwfn.settings.Cidrs;
import com.cwfn.settings.Settings;
import com.cwfn.settings.SettingsException;
import com.cwfn.testing.Connector;
import com.cwfn.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * connector.trusted-proxies over real HTTP. The tests' requests come from 127.0.0.1: to {@code direct} (nothing
 * trusted) that is a client, forging whatever forwarding headers it likes; to {@code behind} (127.0.0.1/32 trusted)
 * it is the reverse proxy, and the headers name the clients behind it. The login delay counts per real client, and
 * the session cookie is Secure when the proxy says the client used HTTPS, only behind a trusted proxy.
 */
class TrustedProxiesTest {
    static final String PASSWORD = ConsoleHttpTest.PASSWORD;
    static Connector direct;
    static Connector forged;
    static Connector behind;

    @BeforeAll
    static void start() {
        direct = Connector.start(settings(""));
        forged = Connector.start(settings(""));
        behind = Connector.start(settings("10.250.0.0/16, 127.0.0.1/32"));
    }

    static Map<String, String> settings(String proxies) {
        Map<String, String> s = new HashMap<>();
        s.put("db.url", TestDatabases.h2());
        s.put("admin.password", PASSWORD);
        s.put("admin.login-failures-before-delay", "3");
        s.put("connector.trusted-proxies", proxies);
        return s;
    }

    @AfterAll
    static void stop() {
        direct.close();
        forged.close();
        behind.close();
    }

    static int failLogins(Connector c, int times, String... headers) {
        int last = 0;
        for (int i = 0; i < times; i++) {
            last = login(c, "admin", "wrong", headers).statusCode();
        }
        return last;
    }

    @Test
    void behindATrustedProxyFiveWrongPasswordsFromOneClientLockOutThatClientOnly() {
        assertThat(failLogins(behind, 4, "X-Forwarded-For", "203.0.113.7")).isEqualTo(429);
        // the same client, whatever it forges to the left of what the proxy appended, still waits
        assertThat(login(behind, "admin", PASSWORD, "X-Forwarded-For", "198.51.100.99, 203.0.113.7").statusCode())
                .isEqualTo(429);
        assertThat(login(behind, "admin", PASSWORD, "Forwarded", "for=203.0.113.7;proto=https").statusCode())
                .isEqualTo(429);
        // another client behind the same proxy logs in at once; so does the proxy itself (no header)
        assertThat(login(behind, "admin", PASSWORD, "X-Forwarded-For", "198.51.100.20").statusCode()).isEqualTo(303);
        assertThat(login(behind, "admin", PASSWORD, "Forwarded", "for=\"[2001:db8:cafe::17]:4711\"").statusCode())
                .isEqualTo(303);
        assertThat(login(behind, "admin", PASSWORD).statusCode()).isEqualTo(303);
        // a chain of trusted proxies: the client is the nearest untrusted hop
        assertThat(failLogins(behind, 4, "X-Forwarded-For", "192.0.2.44, 10.250.3.4")).isEqualTo(429);
        assertThat(login(behind, "admin", PASSWORD, "X-Forwarded-For", "192.0.2.44").statusCode()).isEqualTo(429);
        assertThat(login(behind, "admin", PASSWORD, "X-Forwarded-For", "192.0.2.45, 10.250.3.4").statusCode())
                .isEqualTo(303);
    }

    @Test
    void behindATrustedProxyHttpBasicOnTheAdminApiCountsPerClientToo() {
        String wrong = "Basic " + Base64.getEncoder().encodeToString("admin:nope".getBytes(StandardCharsets.UTF_8));
        String right = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        int last = 0;
        for (int i = 0; i < 4; i++) {
            last = send(behind, "GET", "/admin/transactions", null, "Authorization", wrong,
                    "X-Forwarded-For", "203.0.113.80").statusCode();
        }
        assertThat(last).isEqualTo(429);
        assertThat(send(behind, "GET", "/admin/transactions", null, "Authorization", right,
                "X-Forwarded-For", "203.0.113.80").statusCode()).isEqualTo(429);
        assertThat(send(behind, "GET", "/admin/transactions", null, "Authorization", right,
                "X-Forwarded-For", "203.0.113.81").statusCode()).isEqualTo(200);
    }

    @Test
    void fromAnUntrustedAddressForgedForwardingHeadersChangeNothing() {
        // wrong passwords "from" many forged clients are all the one connection's: it waits, whatever it claims next
        for (int i = 0; i < 4; i++) {
            login(forged, "admin", "wrong", "X-Forwarded-For", "198.51.100." + i, "Forwarded", "for=192.0.2." + i);
        }
        HttpResponse<String> r = login(forged, "admin", PASSWORD, "X-Forwarded-For", "198.51.100.200",
                "Forwarded", "for=192.0.2.200");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void theCookieIsSecureWhenATrustedProxySaysHttpsAndOnlyThen() {
        assertThat(cookieOf(login(behind, "admin", PASSWORD, "X-Forwarded-For", "198.51.100.30",
                "X-Forwarded-Proto", "https"))).contains("; Secure");
        assertThat(cookieOf(login(behind, "admin", PASSWORD, "Forwarded", "for=198.51.100.31;proto=https")))
                .contains("; Secure");
        assertThat(cookieOf(login(behind, "admin", PASSWORD, "X-Forwarded-For", "198.51.100.32",
                "X-Forwarded-Proto", "http"))).doesNotContain("Secure");
        assertThat(cookieOf(login(behind, "admin", PASSWORD, "X-Forwarded-For", "198.51.100.33")))
                .doesNotContain("Secure");
        assertThat(cookieOf(login(direct, "admin", PASSWORD, "X-Forwarded-Proto", "https",
                "Forwarded", "proto=https"))).doesNotContain("Secure");
    }

    @Test
    void theHostAProxyNamesCountsForTheSameSiteCheckOnlyFromATrustedProxy() {
        // the browser's Origin is the public name; the proxy sent the request to the connector's own address
        String[] publicName = {"Content-Type", "application/x-www-form-urlencoded",
            "Origin", "https://connector.example.com", "X-Forwarded-Host", "connector.example.com",
            "X-Forwarded-Proto", "https", "X-Forwarded-For", "198.51.100.40"};
        String form = "username=admin&password=" + PASSWORD.replace("!", "%21");
        assertThat(send(behind, "POST", "/console/login", form, publicName).statusCode()).isEqualTo(303);
        assertThat(send(direct, "POST", "/console/login", form, publicName).statusCode()).isEqualTo(403);
    }

    static String cookieOf(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        return r.headers().firstValue("Set-Cookie").orElseThrow();
    }

    @Test
    void aListThatIsNotCidrsStopsTheStartWithALineNamingIt() {
        Settings bad = new Settings(Map.of("connector.trusted-proxies", "10.0.0.0/8, proxy.example.com",
                "connectwise.callback-token", "t")::get);
        assertThatThrownBy(bad::validate).isInstanceOf(SettingsException.class)
                .hasMessageContaining("connector.trusted-proxies").hasMessageContaining("'proxy.example.com'");
        for (String v : new String[] {"10.0.0.0/33", "300.1.2.3", "fd00::/129", "10.0.0.0/x"}) {
            assertThat(Cidrs.problem(v)).as(v).isNotNull();
        }
        Cidrs ok = Cidrs.parse("10.0.0.0/8, 192.168.1.7, fd00::/8, ::1");
        assertThat(ok.contains("10.200.3.4")).isTrue();
        assertThat(ok.contains("11.0.0.1")).isFalse();
        assertThat(ok.contains("192.168.1.7")).isTrue();
        assertThat(ok.contains("192.168.1.8")).isFalse();
        assertThat(ok.contains("fd12::1")).isTrue();
        assertThat(ok.contains("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(ok.contains("::ffff:10.1.1.1")).as("IPv4-mapped IPv6").isTrue();
        assertThat(ok.contains("unknown")).isFalse();
        assertThat(ok.contains("localhost")).as("a name is never looked up").isFalse();
    }
}
