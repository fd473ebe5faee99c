package com.cwfn.http;

import com.cwfn.tracing.TraceScope;
import com.cwfn.tracing.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpMethods;

/**
 * Calls one remote API (ConnectWise or Field Nation) through camel-http: one endpoint per host, the path,
 * query and method per call in headers, so the endpoint cache stays small. Every call goes through the API's
 * {@link RequestBudget} first (its pace, its pause). A 429 pauses the API and is thrown as a
 * {@link com.cwfn.pause.Pause}; every other answer of 400 and above, and every call that got no answer, becomes a
 * {@link RemoteCallException}; calls are counted by status.
 */
public class RemoteApi {
    private final String system;
    private final String baseUrl;
    private final ProducerTemplate template;
    private final CamelContext context;
    private final MeterRegistry meters;
    private final RequestBudget budget;
    private Tracing tracing = Tracing.OFF;

    /** An API whose calls are not paced (a budget of its own, unpaced). */
    public RemoteApi(String system, String baseUrl, CamelContext context, MeterRegistry meters) {
        this(system, baseUrl, context, meters, RequestBudget.unpaced(system, java.time.Clock.systemUTC()));
    }

    /**
     * @param baseUrl scheme, host and optional port, e.g. https://api-na.myconnectwise.net
     * @param budget the request budget every call goes through (pace and 429 pause)
     */
    public RemoteApi(String system, String baseUrl, CamelContext context, MeterRegistry meters, RequestBudget budget) {
        this.system = system;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.context = context;
        this.template = context.createProducerTemplate();
        this.meters = meters;
        this.budget = budget;
    }

    public RequestBudget budget() {
        return budget;
    }

    /** Each call becomes a client span of the current trace (docs/operations.md, Tracing). */
    public void tracing(Tracing tracing) {
        this.tracing = tracing;
    }

    public String system() {
        return system;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Sends a request to this API's host.
     *
     * @param method HTTP method
     * @param path absolute path, already encoded
     * @param query encoded query string without '?', or null
     * @param headers request headers
     * @param body a String, byte[] or an Apache HttpEntity (multipart), or null
     * @param callName how the call is named in errors and logs (no secrets)
     */
    public RemoteResponse call(String method, String path, String query, Map<String, String> headers, Object body,
            String callName) {
        return send(endpointFor(baseUrl), method, path, query, headers, body, callName);
    }

    /** Sends a GET to an absolute URL (e.g. a file link); the host need not be this API's. */
    public RemoteResponse getAbsolute(String url, Map<String, String> headers, String callName) {
        URI u = URI.create(url);
        String origin = u.getScheme() + "://" + u.getRawAuthority();
        return send(endpointFor(origin), "GET", u.getRawPath(), u.getRawQuery(), headers, null, callName);
    }

    private String endpointFor(String origin) {
        // camel-http keeps its own options in the endpoint URI; the request's own query goes in a header
        return origin + "?throwExceptionOnFailure=false&followRedirects=true";
    }

    private RemoteResponse send(String endpoint, String method, String path, String query, Map<String, String> headers,
            Object body, String callName) {
        int slot = budget.acquire(); // waits for a slot; a pause of this API is thrown here and the call is not made
        TraceScope span = !tracing.on() ? null : tracing.call(system, method,
                endpoint.substring(0, endpoint.indexOf('?')) + path, path.replaceAll("/\\d+(?=/|$)", "/{id}"));
        int status = 0;
        RuntimeException failure = null;
        try {
            RemoteResponse answer = exchange(slot, endpoint, method, path, query, headers, body, callName);
            status = answer.status();
            return answer;
        } catch (RemoteCallException e) {
            status = e.status();
            failure = e;
            throw e;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            if (span != null) {
                span.leave();
                span.endWithStatus(status, failure);
            }
        }
    }

    private RemoteResponse exchange(int slot, String endpoint, String method, String path, String query,
            Map<String, String> headers, Object body, String callName) {
        Exchange ex;
        try {
            ex = template.send(endpoint, e -> {
                Message in = e.getIn();
                // the enum camel-http reads: a String would go through a type converter lookup on every call
                in.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(method.toUpperCase(Locale.ROOT)));
                in.setHeader(Exchange.HTTP_PATH, path);
                if (query != null && !query.isEmpty()) {
                    in.setHeader(Exchange.HTTP_QUERY, query);
                }
                headers.forEach(in::setHeader);
                in.setBody(body);
            });
        } catch (RuntimeException e) {
            count(0);
            throw new RemoteCallException(system, callName, 0, null, null, e);
        } finally {
            budget.answered(slot); // the request reached the server, if at all, before now
        }
        if (ex.getException() != null) {
            count(0);
            throw new RemoteCallException(system, callName, 0, null, null, ex.getException());
        }
        Message out = ex.getMessage();
        Integer code = out.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        int status = code == null ? 0 : code;
        byte[] bytes = readBody(out);
        Map<String, String> respHeaders = new HashMap<>();
        out.getHeaders().forEach((k, v) -> {
            if (!k.startsWith("Camel") && v != null && !headers.containsKey(k)) {
                respHeaders.put(k.toLowerCase(Locale.ROOT), String.valueOf(v));
            }
        });
        count(status);
        if (status == 0 || status >= 400) {
            RemoteCallException failed = new RemoteCallException(system, callName, status, RetryAfter.fromHeaders(
                    respHeaders, java.time.Clock.systemUTC()), new String(bytes, StandardCharsets.UTF_8),
                    null);
            // a 429 is the server's state, not this call's: every call to the API pauses
            throw status == 429 ? budget.throttled(failed.retryAfterSeconds(), failed) : failed;
        }
        return new RemoteResponse(status, respHeaders, bytes);
    }

    private byte[] readBody(Message out) {
        Object b = out.getBody();
        try {
            if (b == null) {
                return new byte[0];
            }
            if (b instanceof byte[] bytes) {
                return bytes;
            }
            if (b instanceof InputStream in) {
                try (in) {
                    return in.readAllBytes();
                }
            }
            byte[] converted = context.getTypeConverter().convertTo(byte[].class, b);
            return converted == null ? new byte[0] : converted;
        } catch (IOException e) {
            throw new RemoteCallException(system, "reading an answer", 0, null, null, e);
        }
    }

    private void count(int status) {
        if (meters != null) {
            meters.counter("connector_remote_calls", "system", system, "status", String.valueOf(status)).increment();
        }
    }
}
