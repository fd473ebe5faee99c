package com.cwfn.jar;

import static org.assertj.core.api.Assertions.assertThat;

import com.cwfn.testing.Env;
import com.cwfn.testing.JarProcess;
import com.cwfn.testing.TestDatabases;
import com.cwfn.testing.ThrottledBurst;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two connector processes on one PostgreSQL share one ConnectWise budget (an API member's budget is ConnectWise's,
 * not the instance's): 60 tickets at once, their callbacks split between the two, against a sandbox that throttles
 * with a sliding window. Each ticket gets exactly one work order, at most 2% of the requests are answered 429, and
 * no 10-second window holds more than the one configured pace, which each instance alone would also be allowed.
 */
class ThrottledClusterIT {

    @Test
    void twoInstancesOnOnePostgresKeepOnePace(@TempDir Path dir) throws Exception {
        String dbUrl = TestDatabases.postgres();
        try (Env env = Env.sandboxesOnly()) {
            try (JarProcess one = JarProcess.of(Files.createDirectories(dir.resolve("a")), settings(env, dbUrl, "a"));
                    JarProcess two = JarProcess.of(Files.createDirectories(dir.resolve("b")), settings(env, dbUrl, "b"))) {
                one.start();
                two.start();
                env.registerWebhook(one.url(""));
                new ThrottledBurst(env).prepare().throttle().send("cluster-token", one.url(""), two.url(""))
                        .check(ThrottledBurst.CONNECTOR_PER_MINUTE);
                assertThat(one.logText()).contains("became work order");
                assertThat(two.logText()).contains("became work order");
            }
        }
    }

    static Map<String, String> settings(Env env, String dbUrl, String instance) {
        Map<String, String> s = ClusterIT.settings(env, dbUrl, instance);
        s.put("connectwise.requests-per-minute", String.valueOf(ThrottledBurst.CONNECTOR_PER_MINUTE));
        return s;
    }
}
