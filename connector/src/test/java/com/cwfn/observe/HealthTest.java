package com.cwfn.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import com.cwfn.testing.Connector;
import com.cwfn.testing.Env;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Readiness follows the database and the credentials; liveness stays up (a restart would not help). */
class HealthTest {

    @Test
    void readinessGoesDownWhenTheDatabaseStopsAnsweringAndLivenessStaysUp() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        try (Env env = Env.sandboxesOnly()) {
            env.startConnector(Map.of("db.url", pg.getJdbcUrl("postgres", "postgres"), "db.username", "postgres"),
                    false);
            Connector c = env.connector;
            assertThat(c.get(c.managementUrl("/observe/health/ready")).statusCode()).isEqualTo(200);
            pg.close();
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    c.get(c.managementUrl("/observe/health/ready")).statusCode() == 503);
            assertThat(c.get(c.managementUrl("/observe/health?exposureLevel=full")).body())
                    .contains("the database does not answer");
            assertThat(c.get(c.managementUrl("/observe/health/live")).statusCode()).isEqualTo(200);
        } finally {
            pg.close();
        }
    }

    @Test
    void readinessGoesDownWhileCredentialsAreRejected() {
        try (Env env = Env.sandboxesOnly()) {
            env.startConnector(Map.of("fieldnation.password", "not-the-password"), false);
            Connector c = env.connector;
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    c.get(c.managementUrl("/observe/health/ready")).statusCode() == 503);
            String full = c.get(c.managementUrl("/observe/health?exposureLevel=full")).body();
            assertThat(full).contains("Field Nation rejects the OAuth credentials").doesNotContain("not-the-password");
            assertThat(c.get(c.managementUrl("/observe/health/live")).statusCode()).isEqualTo(200);
        }
        try (Env env = Env.sandboxesOnly()) {
            env.startConnector(Map.of("connectwise.private-key", "wrong-private-key"), false);
            Connector c = env.connector;
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    c.get(c.managementUrl("/observe/health/ready")).statusCode() == 503);
            assertThat(c.get(c.managementUrl("/observe/health?exposureLevel=full")).body())
                    .contains("ConnectWise rejects the API member's keys").doesNotContain("wrong-private-key");
        }
        try (Env env = Env.sandboxesOnly()) {
            env.startConnector(Map.of(), false);
            assertThat(env.connector.get(env.connector.managementUrl("/observe/health/ready")).statusCode())
                    .as("right credentials").isEqualTo(200);
        }
    }
}
