package com.cwfn.fieldnation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cwfn.store.Database;
import com.cwfn.store.StateStore;
import com.cwfn.store.StoreException;
import com.cwfn.testing.TestClock;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The stored webhook secret while the database does not answer: the one read last stands, none read is an error. */
class WebhookSecretsTest {
    private final TestClock clock = new TestClock(1_000_000);

    @Test
    void theSecretReadLastStandsWhileTheDatabaseDoesNotAnswer() {
        Database db = Database.open("jdbc:h2:mem:" + UUID.randomUUID(), "", "", 2);
        WebhookSecrets secrets = new WebhookSecrets("", new StateStore(db.dataSource(), clock), clock);
        String secret = secrets.generated();
        assertThat(secrets.current()).contains(secret);
        db.close();
        clock.millis.addAndGet(60_000); // past the 30 s the secret is kept: it is read again, and cannot be
        assertThat(secrets.current()).contains(secret);
        assertThat(secrets.reload()).contains(secret);
    }

    @Test
    void withNoSecretReadYetTheFailureIsThrown() {
        Database db = Database.open("jdbc:h2:mem:" + UUID.randomUUID(), "", "", 2);
        WebhookSecrets secrets = new WebhookSecrets("", new StateStore(db.dataSource(), clock), clock);
        db.close();
        assertThatThrownBy(secrets::current).isInstanceOf(StoreException.class);
    }
}
