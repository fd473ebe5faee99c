package com.cwfn.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.cwfn.pause.Pause;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one writer of refusals: the status, the body as before, Retry-After from each kind of wait, no secret. */
class RefusalsTest {
    private final Refusals refusals = new Refusals(t -> t.replace("s3cret-value", "***"));

    @Test
    void aJsonRefusalIsStatusErrorAndDetailAsBefore() {
        Refusals.Answer a = refusals.of(new Refusal(413, "body too large", "a callback is at most 1 MiB"));
        assertThat(a.status()).isEqualTo(413);
        assertThat(a.text()).isEqualTo("{\"status\":413,\"error\":\"body too large\",\"detail\":\"a callback is at most "
                + "1 MiB\"}");
        assertThat(a.headers()).containsExactly(java.util.Map.entry("Content-Type", "application/json"));
        // a refusal without a detail leaves it out (the wrong callback token's 404)
        assertThat(refusals.of(new Refusal(404, "not found", null)).text())
                .isEqualTo("{\"status\":404,\"error\":\"not found\"}");
    }

    @Test
    void furtherFieldsFollowInOrderAndHeadersAreAdded() {
        Refusals.Answer a = refusals.of(new Refusal(502, "ConnectWise answered 500 to read ticket", "boom")
                .with("system", "ConnectWise").with("remoteStatus", 500).header("WWW-Authenticate", "Basic"));
        assertThat(a.text()).isEqualTo("{\"status\":502,\"error\":\"ConnectWise answered 500 to read ticket\","
                + "\"detail\":\"boom\",\"system\":\"ConnectWise\",\"remoteStatus\":500}");
        assertThat(a.headers()).containsEntry("WWW-Authenticate", "Basic").doesNotContainKey("Retry-After");
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(retryAfter(new Refusal(429, "x", "y").retryAfter(Duration.ofMillis(1500)))).isEqualTo("2");
        assertThat(retryAfter(new Refusal(429, "x", "y").retryAfter(Duration.ZERO))).isEqualTo("1");
        assertThat(retryAfter(new Refusal(429, "x", "y").retryAfter(Refusal.SOON))).isEqualTo("2");
        assertThat(retryAfter(Refusal.databaseUnavailable())).isEqualTo("5");
        long until = System.currentTimeMillis() + 30_000;
        String fromPause = retryAfter(new Refusal(503, "x", "y").retryAfter(new Pause("ConnectWise", until, "429",
                null)));
        assertThat(Integer.parseInt(fromPause)).as("a pause's remaining time").isBetween(29, 30);
        Pause over = new Pause("ConnectWise", System.currentTimeMillis() - 1000, "429", null);
        assertThat(retryAfter(new Refusal(503, "x", "y").retryAfter(over))).as("a pause just over").isEqualTo("1");
    }

    @Test
    void noSecretReachesTheBody() {
        Refusals.Answer a = refusals.of(new Refusal(500, "internal error s3cret-value", "failed with s3cret-value")
                .with("system", "s3cret-value"));
        assertThat(a.text()).doesNotContain("s3cret-value").contains("\"detail\":\"failed with ***\"");
    }

    @Test
    void aPageRefusalIsTheHtmlWithItsHeaders() {
        Refusals.Answer a = refusals.of(new Refusal(503, "database unavailable", "down")
                .header("Content-Security-Policy", "default-src 'none'").page("<p>down</p>")
                .retryAfter(Refusal.DATABASE_DOWN));
        assertThat(a.text()).isEqualTo("<p>down</p>");
        assertThat(a.headers()).containsEntry("Content-Type", "text/html; charset=utf-8")
                .containsEntry("Content-Security-Policy", "default-src 'none'").containsEntry("Retry-After", "5");
    }

    private String retryAfter(Refusal r) {
        return refusals.of(r).headers().get("Retry-After");
    }
}
