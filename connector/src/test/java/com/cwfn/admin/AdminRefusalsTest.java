package com.cwfn.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.cwfn.failure.PermanentFailure;
import com.cwfn.http.Refusal;
import com.cwfn.http.Refusals;
import com.cwfn.http.RemoteCallException;
import com.cwfn.mapping.MappingException;
import com.cwfn.pause.Pause;
import com.cwfn.store.StoreException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What each failure of an admin operation is answered with: the statuses as before, Retry-After where due. */
class AdminRefusalsTest {
    @Test
    void eachFailureHasItsStatusAndAWaitWhereTheClientShouldRetry() {
        Refusals.Answer remote = Refusals.plain(AdminApi.refusal(new RemoteCallException("ConnectWise",
                "read ticket", 500, null, "oops", null)));
        assertThat(remote.status()).isEqualTo(502);
        assertThat(remote.text()).contains("\"error\":\"ConnectWise answered 500 to read ticket\"")
                .contains("\"system\":\"ConnectWise\",\"remoteStatus\":500");
        assertThat(remote.headers()).doesNotContainKey("Retry-After");

        Refusals.Answer paused = Refusals.plain(AdminApi.refusal(new Pause("Field Nation",
                System.currentTimeMillis() + 20_000, "429 answered", null)));
        assertThat(paused.status()).isEqualTo(503);
        assertThat(paused.text()).contains("\"error\":\"Field Nation is paused\"");
        assertThat(Integer.parseInt(paused.headers().get("Retry-After"))).isBetween(19, 20);

        Refusals.Answer down = Refusals.plain(AdminApi.refusal(new StoreException(new SQLException("gone",
                "08006"))));
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.text()).contains("\"error\":\"database unavailable\"");
        assertThat(down.headers()).containsEntry("Retry-After", String.valueOf(Refusal.DATABASE_DOWN.toSeconds()));

        assertThat(Refusals.plain(AdminApi.refusal(new StoreException(new SQLException("bad", "42000")))).status())
                .isEqualTo(500);
        assertThat(Refusals.plain(AdminApi.refusal(new PermanentFailure("no board"))).status()).isEqualTo(409);
        assertThat(Refusals.plain(AdminApi.refusal(new MappingException("no title"))).status()).isEqualTo(422);
        Refusals.Answer other = Refusals.plain(AdminApi.refusal(new IllegalStateException("odd")));
        assertThat(other.status()).isEqualTo(500);
        assertThat(other.text()).contains("\"detail\":\"IllegalStateException: odd\"");
    }
}
