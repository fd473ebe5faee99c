package com.cwfn.failure;

import static org.assertj.core.api.Assertions.assertThat;

import com.cwfn.http.RemoteCallException;
import com.cwfn.mapping.MappingException;
import com.cwfn.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which failures are retried and which are dead letters at once, and how each is named. */
class FailuresTest {

    private static RemoteCallException answered(int status) {
        return new RemoteCallException("ConnectWise", "GET /service/tickets/1", status, null, "body", null);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 408, 409, 429, 500, 502, 503, 504})
    void noAnswerTimeoutsConflictsThrottlingAndServerErrorsArePassing(int status) {
        assertThat(Failures.isPassing(answered(status))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 410, 415, 422})
    void otherClientErrorsArePermanent(int status) {
        assertThat(Failures.isPassing(answered(status))).isFalse();
    }

    @Test
    void theFirstCauseThatKnowsDecides() {
        assertThat(Failures.isPassing(new RuntimeException("wrapped", answered(404)))).isFalse();
        assertThat(Failures.isPassing(new RuntimeException("wrapped", answered(503)))).isTrue();
        assertThat(Failures.isPassing(new PermanentFailure("no custom field"))).isFalse();
        assertThat(Failures.isPassing(new IllegalStateException(new MappingException("line 3: bad")))).isFalse();
        assertThat(Failures.isPassing(new StoreException(new java.sql.SQLException("down", "08001")))).isTrue();
        assertThat(Failures.isPassing(new UncheckedIOException(new SocketTimeoutException("read")))).isTrue();
        assertThat(Failures.isPassing(new IllegalArgumentException("something unknown"))).as("unknown: retried")
                .isTrue();
        assertThat(Failures.isPassing(null)).isTrue();
    }

    @Test
    void retryAfterComesFromTheRemoteAnswer() {
        RemoteCallException throttled = new RemoteCallException("ConnectWise", "GET /x", 429, 30, "", null);
        assertThat(Failures.retryAfterSeconds(new RuntimeException(throttled))).isEqualTo(30);
        assertThat(Failures.retryAfterSeconds(answered(503))).isNull();
        assertThat(Failures.retryAfterSeconds(new IllegalStateException())).isNull();
    }

    @Test
    void theDescriptionNamesTheCallOrTheProblem() {
        assertThat(Failures.describe(new RuntimeException("outer", answered(404))))
                .isEqualTo("ConnectWise answered 404 to GET /service/tickets/1: body");
        assertThat(Failures.describe(new PermanentFailure("no custom field named 'X'")))
                .isEqualTo("no custom field named 'X'");
        assertThat(Failures.describe(new IllegalStateException("odd"))).isEqualTo("IllegalStateException: odd");
        assertThat(Failures.describe(new NullPointerException())).isEqualTo("NullPointerException");
        assertThat(Failures.describe(null)).isEqualTo("unknown error");
    }
}
