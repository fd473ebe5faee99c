package com.cwfn.sandbox.fieldnation;

import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FnOAuthTest {
    static FieldNationSandbox fn;
    FnClient c;

    @BeforeAll
    static void start() {
        fn = FieldNationSandbox.withDefaults().start(0);
    }

    @AfterAll
    static void stop() {
        fn.close();
    }

    @BeforeEach
    void reset() {
        fn.reset();
        fn.tokenTtl(Duration.ofSeconds(3600));
        c = new FnClient(fn);
    }

    @Test
    void passwordGrantAsJsonIssuesABearerTokenThatWorks() {
        FnClient.Resp r = c.tokenJson(FnClient.passwordGrant(fn));
        assertThat(r.status()).isEqualTo(200);
        JsonNode t = r.json();
        assertThat(t.path("access_token").asText()).hasSizeGreaterThan(20);
        assertThat(t.path("expires_in").asLong()).isEqualTo(3600);
        assertThat(t.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(t.has("scope")).isTrue();
        assertThat(t.path("refresh_token").asText()).isNotEmpty();
        assertThat(t.path("user").path("id").asLong()).isEqualTo(500).isEqualTo(fn.apiUserId());

        c.token = t.path("access_token").asText();
        assertThat(c.get("/workorders").status()).isEqualTo(200);
        assertThat(fn.tokenRequests()).isEqualTo(1);
    }

    @Test
    void passwordGrantAsFormAndClientCredentialsWork() {
        FnClient.Resp form = c.tokenForm("grant_type=password&client_id=sandbox-client&client_secret=sandbox-secret"
                + "&username=api.user%40msp.example&password=sandbox-password");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.json().path("access_token").asText()).isNotEmpty();

        FnClient.Resp cc = c.tokenForm("grant_type=client_credentials&client_id=sandbox-client"
                + "&client_secret=sandbox-secret");
        assertThat(cc.status()).isEqualTo(200);
        assertThat(cc.json().path("access_token").asText()).isNotEqualTo(form.json().path("access_token").asText());
        assertThat(fn.tokenRequests()).isEqualTo(2);
    }

    @Test
    void wrongCredentialsAre401WithoutEchoingSecrets() {
        ObjectNode b = FnClient.passwordGrant(fn);
        b.put("password", "not-the-password");
        FnClient.Resp r = c.tokenJson(b);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().path("status_code").asInt()).isEqualTo(401);
        assertThat(r.json().path("message").asText()).isNotEmpty();
        assertThat(r.body()).doesNotContain("not-the-password").doesNotContain("sandbox-secret");

        ObjectNode wrongClient = FnClient.passwordGrant(fn);
        wrongClient.put("client_secret", "nope");
        assertThat(c.tokenJson(wrongClient).status()).isEqualTo(401);
    }

    @Test
    void missingFieldOrUnsupportedGrantIs400() {
        ObjectNode b = FnClient.passwordGrant(fn);
        b.remove("username");
        FnClient.Resp r = c.tokenJson(b);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("status_code").asInt()).isEqualTo(400);
        assertThat(r.json().path("message").asText()).contains("username");

        ObjectNode g = FnClient.passwordGrant(fn);
        g.put("grant_type", "authorization_code");
        assertThat(c.tokenJson(g).status()).isEqualTo(400);
    }

    @Test
    void noTokenUnknownTokenAndExpiredTokenAre401AndAFreshTokenWorks() {
        FnClient.Resp none = c.get("/workorders");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().path("status").asInt()).isEqualTo(401);
        assertThat(none.json().path("message").asText()).isNotEmpty();

        c.token = "0123456789abcdef";
        FnClient.Resp unknown = c.get("/workorders");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().path("message").asText()).contains("invalid");

        c.login();
        assertThat(c.get("/workorders").status()).isEqualTo(200);
        fn.expireAllTokens();
        FnClient.Resp expired = c.get("/workorders");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().path("message").asText()).contains("expired");

        c.login();
        assertThat(c.get("/workorders").status()).isEqualTo(200);
    }

    @Test
    void tokensExpireAfterTheConfiguredTtl() throws Exception {
        fn.tokenTtl(Duration.ofMillis(300));
        c.login();
        assertThat(c.get("/workorders").status()).isEqualTo(200);
        Thread.sleep(400); // the time is what is tested: past the 300 ms token lifetime
        FnClient.Resp r = c.get("/workorders");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().path("message").asText()).contains("expired");
        fn.tokenTtl(Duration.ofSeconds(3600));
        c.login();
        assertThat(c.get("/workorders").status()).isEqualTo(200);
    }

    @Test
    void bearerHeaderIsAcceptedOnRestAndRefreshTokenGrantWorks() {
        FnClient.Resp t = c.tokenJson(FnClient.passwordGrant(fn));
        String access = t.json().path("access_token").asText();
        FnClient.Resp r = c.send(HttpRequest.newBuilder(URI.create(fn.restBaseUrl() + "/workorders"))
                .header("Authorization", "Bearer " + access).GET().build());
        assertThat(r.status()).isEqualTo(200);

        FnClient.Resp refreshed = c.tokenForm("grant_type=refresh_token&refresh_token="
                + t.json().path("refresh_token").asText());
        assertThat(refreshed.status()).isEqualTo(200);
        FnClient.Resp again = c.tokenForm("grant_type=refresh_token&refresh_token="
                + t.json().path("refresh_token").asText());
        assertThat(again.status()).isEqualTo(401);
    }
}
