package com.cwfn.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.testing.Connector;
import com.cwfn.testing.Env;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The per-request conformance check bites: a request that does not follow its schema, sent to a sandbox of a test
 * world with the connector's {@code User-Agent}, fails the check (naming the request and the schema error), and
 * fails the test that sent it through {@link ConformanceExtension}; a conforming one and a test's own calls do not.
 */
class ConformanceExtensionTest {
    private static final String MISSPELLED = "{\"titel\":\"Fix the printer\"}";

    @Test
    void aRequestThatDoesNotFollowItsSchemaFailsTheCheckNamingTheRequestAndTheError() {
        try (Env env = Env.sandboxesOnly()) {
            ConformanceCheck check = env.conformance();
            post(env, "{\"title\":\"Fix the printer\"}", FieldNationClient.USER_AGENT);
            post(env, MISSPELLED, "curl/8.5.0");
            assertThat(check.checked()).as("only the connector's requests are checked").isEqualTo(1);
            check.assertConforms();
            assertThat(check.seen()).containsExactly("POST /api/rest/v2/workorders");

            post(env, MISSPELLED, FieldNationClient.USER_AGENT);
            assertThatThrownBy(check::assertConforms).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("POST /api/rest/v2/workorders (fieldnation/workorder-create.json)")
                    .hasMessageContaining("titel").hasMessageContaining("title");
            check.assertConforms();

            post(env, MISSPELLED, FieldNationClient.USER_AGENT);
        } catch (AssertionError closing) {
            assertThat(closing).as("closing the world checks what is left").hasMessageContaining("titel");
            return;
        }
        throw new AssertionError("closing a world with a request that does not conform did not fail");
    }

    @Test
    void theExtensionFailsTheTestThatSentIt() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        // as surefire runs every test class: the extension detected (junit-platform.properties, META-INF/services)
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(SendsRequests.class))
                .build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getTestsSucceededCount()).as("the conforming test").isEqualTo(1);
        List<TestExecutionSummary.Failure> failures = summary.getFailures();
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).getTestIdentifier().getDisplayName()).isEqualTo("sendsAMisspelledField()");
        assertThat(failures.get(0).getException()).hasMessageContaining("POST /api/rest/v2/workorders")
                .hasMessageContaining("titel");
    }

    static HttpResponse<String> post(Env env, String body, String userAgent) {
        return Connector.send(HttpRequest.newBuilder(URI.create(env.fn.restBaseUrl() + "/workorders"))
                .header("Content-Type", "application/json").header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Run only by {@link #theExtensionFailsTheTestThatSentIt} (a nested class: surefire and Jupiter skip it). */
    static class SendsRequests {
        static Env env;

        @BeforeAll
        static void start() {
            env = Env.sandboxesOnly();
        }

        @AfterAll
        static void stop() {
            env.close();
        }

        @Test
        void sendsAConformingOne() {
            post(env, "{\"title\":\"Fix the printer\"}", FieldNationClient.USER_AGENT);
        }

        @Test
        void sendsAMisspelledField() {
            post(env, MISSPELLED, FieldNationClient.USER_AGENT);
        }
    }
}
