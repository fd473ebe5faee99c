package com.cwfn.admin;

import com.cwfn.failure.PermanentFailure;
import com.cwfn.http.HttpAnswer;
import com.cwfn.http.Refusal;
import com.cwfn.http.RemoteCallException;
import com.cwfn.pause.Pause;
import com.cwfn.routing.Approvals;
import com.cwfn.json.Json;
import com.cwfn.mapping.MappingException;
import com.cwfn.settings.Settings;
import com.cwfn.store.InboxStore;
import com.cwfn.store.StoreException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations of the {@code /admin} API in {@code routes/admin.camel.yaml} (after {@link AdminAuth}): reads the request,
 * calls the part that does the work, and answers JSON through {@link HttpAnswer}; what it cannot do it refuses with a
 * {@link Refusal} (routes/refusals.camel.yaml answers it). Every answer has each configured secret value masked.
 * Unknown ids answer 404, bad query or path values 400, a remote system's refusal 502 naming the call, a
 * configuration that makes the request impossible 409.
 */
public class AdminApi {
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final Settings settings;
    private final ConnectionCheck connection;
    private final FieldsRefresh fields;
    private final Preview preview;
    private final CallbackRegistration callbacks;
    private final WebhookRegistration webhooks;
    private final Transactions transactions;
    private final SetupChecklist setup;
    private final Activity activity;
    private final RoundTrip roundTrip;
    private final Approvals approvals;
    private final AttentionItems attention;

    public AdminApi(Settings settings, ConnectionCheck connection, FieldsRefresh fields, Preview preview,
            CallbackRegistration callbacks, WebhookRegistration webhooks, Transactions transactions,
            SetupChecklist setup, Activity activity, RoundTrip roundTrip, Approvals approvals,
            AttentionItems attention) {
        this.approvals = approvals;
        this.attention = attention;
        this.roundTrip = roundTrip;
        this.setup = setup;
        this.activity = activity;
        this.settings = settings;
        this.connection = connection;
        this.fields = fields;
        this.preview = preview;
        this.callbacks = callbacks;
        this.webhooks = webhooks;
        this.transactions = transactions;
    }

    // ------------------------------------------------------------------------------------------------ endpoints

    /** GET /admin/connection */
    public void connection(Exchange ex) {
        answer(ex, 200, connection::run);
    }

    /** POST /admin/fields/refresh */
    public void refreshFields(Exchange ex) {
        answer(ex, 200, fields::refresh);
    }

    /** GET /admin/fields */
    public void fields(Exchange ex) {
        answer(ex, 200, () -> fields.stored().orElseThrow(() -> new Refusal(404, "not refreshed yet",
                "no fields stored yet: POST /admin/fields/refresh first")));
    }

    /** GET /admin/preview/{ticketId} */
    public void preview(Exchange ex) {
        answer(ex, 200, () -> {
            long id = pathId(ex, "ticketId");
            return preview.of(id).orElseThrow(() -> new Refusal(404, "no such ticket",
                    "ConnectWise has no service or project ticket " + id));
        });
    }

    /** POST (register), GET (list), DELETE (remove) /admin/callbacks */
    public void callbacks(Exchange ex) {
        String method = method(ex);
        answer(ex, 200, () -> switch (method) {
            case "POST" -> Json.object().put("action", "register").set("callbacks", callbacks.register());
            case "DELETE" -> Json.object().put("action", "remove").set("callbacks", callbacks.remove());
            default -> Json.object().set("callbacks", callbacks.list());
        });
    }

    /** POST (register), GET (list), DELETE (remove) /admin/webhooks */
    public void webhooks(Exchange ex) {
        String method = method(ex);
        answer(ex, 200, () -> switch (method) {
            case "POST" -> Json.object().put("action", "register").set("webhook", webhooks.register());
            case "DELETE" -> Json.object().put("action", "remove").set("webhooks", webhooks.remove());
            default -> Json.object().set("webhooks", webhooks.list());
        });
    }

    /** GET /admin/transactions?status=&direction=&ticket=&workOrder=&since=&until=&limit= */
    public void transactions(Exchange ex) {
        answer(ex, 200, () -> {
            InboxStore.Filter f = filter(ex, query(ex, "status"));
            int limit = DEFAULT_LIMIT;
            String l = query(ex, "limit");
            if (l != null) {
                long v = positive(l, "limit", "a number from 1 to " + MAX_LIMIT);
                if (v > MAX_LIMIT) {
                    throw new Refusal(400, "bad limit", "limit must be a number from 1 to " + MAX_LIMIT);
                }
                limit = (int) v;
            }
            return transactions.list(f, limit);
        });
    }

    /** POST /admin/transactions/replay-failed?direction=&ticket=&workOrder=&since=&until= */
    public void replayFailed(Exchange ex) {
        answer(ex, 202, () -> transactions.replayFailed(filter(ex, InboxStore.FAILED), MAX_LIMIT));
    }

    /** The list filters of a request; {@code status} as given (checked here). */
    private static InboxStore.Filter filter(Exchange ex, String status) {
        if (status != null) {
            status = status.toLowerCase(Locale.ROOT);
            if (!Transactions.STATUSES.contains(status)) {
                throw new Refusal(400, "bad status", "status must be one of " + Transactions.STATUSES
                        + ", not '" + query(ex, "status") + "'");
            }
        }
        String direction = query(ex, "direction");
        if (direction != null && !Transactions.DIRECTIONS.contains(direction)) {
            throw new Refusal(400, "bad direction", "direction must be one of " + Transactions.DIRECTIONS
                    + " (ConnectWise to Field Nation, or back), not '" + direction + "'");
        }
        String t = query(ex, "ticket");
        Long ticket = t == null ? null : positive(t, "ticket", "a ConnectWise ticket number");
        String w = query(ex, "workOrder");
        Long workOrder = w == null ? null : positive(w, "workOrder", "a Field Nation work order id");
        String s = query(ex, "since");
        Instant since = s == null ? null : instant(s, "since");
        String u = query(ex, "until");
        Instant until = u == null ? null : instant(u, "until");
        return new InboxStore.Filter(status, direction, ticket, workOrder,
                since == null ? null : since.toEpochMilli(), until == null ? null : until.toEpochMilli());
    }

    /** GET /admin/setup */
    public void setup(Exchange ex) {
        answer(ex, 200, setup::run);
    }

    /** POST (start) and GET (the last one) /admin/roundtrip */
    public void roundTrip(Exchange ex) {
        boolean start = method(ex).equals("POST");
        answer(ex, start ? 202 : 200, start ? roundTrip::start : roundTrip::last);
    }

    /** GET /admin/activity */
    public void activity(Exchange ex) {
        answer(ex, 200, activity::lastDay);
    }

    /** GET /admin/transactions/{id} */
    public void transaction(Exchange ex) {
        answer(ex, 200, () -> {
            long id = pathId(ex, "id");
            return transactions.get(id).orElseThrow(() -> notFound(id));
        });
    }

    /** POST /admin/transactions/{id}/replay */
    public void replay(Exchange ex) {
        answer(ex, 202, () -> {
            long id = pathId(ex, "id");
            return switch (transactions.replay(id)) {
                case NOT_FOUND -> throw notFound(id);
                case BUSY -> throw new Refusal(409, "not finished", "transaction " + id + " is pending or "
                        + "processing; only a finished transaction can be replayed");
                case REPLAYED -> {
                    ObjectNode o = Json.object().put("status", "replayed").put("transaction", id);
                    o.set("now", transactions.get(id).orElseThrow(() -> notFound(id)));
                    yield o;
                }
            };
        });
    }

    /** GET /admin/links/{ticketId} */
    public void link(Exchange ex) {
        answer(ex, 200, () -> {
            long id = pathId(ex, "ticketId");
            return transactions.link(id).orElseThrow(() -> new Refusal(404, "not linked",
                    "ticket " + id + " has no work order link and nothing synced"));
        });
    }

    /** GET /admin/approvals */
    public void approvals(Exchange ex) {
        answer(ex, 200, () -> approvals.waiting(MAX_LIMIT));
    }

    /** POST /admin/approvals/{workOrderId}/publish */
    public void approvalPublish(Exchange ex) {
        String by = settings.text(com.cwfn.settings.Catalog.ADMIN_USERNAME);
        answer(ex, 202, () -> decided(pathId(ex, "workOrderId"), "published: its routing starts now",
                wo -> approvals.publish(wo, "published in the console by " + by)));
    }

    /** POST /admin/approvals/{workOrderId}/cancel */
    public void approvalCancel(Exchange ex) {
        String by = settings.text(com.cwfn.settings.Catalog.ADMIN_USERNAME);
        answer(ex, 202, () -> decided(pathId(ex, "workOrderId"), "being cancelled in Field Nation", wo -> {
            Approvals.Cancel c = approvals.toCancel(wo);
            if (c.result() == Approvals.Result.DONE) {
                attention.act(c.itemId(), by); // the draft's item: Cancel work order, one transaction of its ticket
            }
            return c.result();
        }));
    }

    private ObjectNode decided(long wo, String what, java.util.function.LongFunction<Approvals.Result> decide) {
        return switch (decide.apply(wo)) {
            case NOT_FOUND -> throw new Refusal(404, "no such draft", "work order " + wo
                    + " was not held for approval by a dispatch rule");
            case NOT_WAITING -> throw new Refusal(409, "not waiting", "work order " + wo + " is "
                    + approvals.one(wo).map(d -> d.path("state").asText()).orElse("gone")
                    + ", not waiting for approval");
            case DONE -> {
                ObjectNode o = Json.object().put("workOrderId", wo).put("status", what);
                approvals.one(wo).ifPresent(d -> o.set("draft", d));
                yield o;
            }
        };
    }

    /** GET /admin/attention?state=&ticket= */
    public void attention(Exchange ex) {
        answer(ex, 200, () -> {
            String state = query(ex, "state");
            if (state != null && !AttentionItems.STATES.contains(state.toLowerCase(Locale.ROOT))) {
                throw new Refusal(400, "bad state", "state must be one of " + AttentionItems.STATES + ", not '"
                        + state + "'");
            }
            String t = query(ex, "ticket");
            return attention.list(state == null ? null : state.toLowerCase(Locale.ROOT), t == null ? null
                    : positive(t, "ticket", "a ConnectWise ticket number"));
        });
    }

    /** POST /admin/attention/{id}/act */
    public void attentionAct(Exchange ex) {
        answer(ex, 202, () -> attention.act(pathId(ex, "id"), settings.text(com.cwfn.settings.Catalog.ADMIN_USERNAME)));
    }

    /** POST /admin/attention/{id}/dismiss */
    public void attentionDismiss(Exchange ex) {
        answer(ex, 200, () -> attention.dismiss(pathId(ex, "id"), settings.text(
                com.cwfn.settings.Catalog.ADMIN_USERNAME)));
    }

    /** POST /admin/dispatch/{ticketId} */
    public void dispatch(Exchange ex) {
        answer(ex, 202, () -> transactions.dispatch(pathId(ex, "ticketId")));
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    /**
     * Answers what {@code work} makes, masked; what it throws is refused ({@link #refusal}) and answered by
     * routes/refusals.camel.yaml.
     */
    private void answer(Exchange ex, int status, Supplier<ObjectNode> work) {
        ObjectNode body;
        try {
            body = work.get();
        } catch (Refusal r) {
            throw r;
        } catch (RuntimeException e) {
            throw refusal(e);
        }
        HttpAnswer.json(ex, status, (ObjectNode) mask(body));
    }

    /**
     * What a failed operation tells the operator: a ConnectWise or Field Nation refusal 502 naming the call, a pause
     * 503 until its end, a configuration that makes the request impossible 409, a mapping that fails 422, a database
     * that does not answer 503, anything else 500.
     */
    static Refusal refusal(RuntimeException e) {
        if (e instanceof RemoteCallException r) {
            return new Refusal(502, r.system() + " answered " + (r.status() == 0 ? "nothing" : String.valueOf(
                    r.status())) + " to " + r.call(), r.getMessage()).with("system", r.system())
                    .with("remoteStatus", r.status());
        }
        if (e instanceof Pause p) {
            return new Refusal(503, p.resource() + " is paused", p.getMessage()).retryAfter(p);
        }
        if (e instanceof PermanentFailure) {
            return new Refusal(409, "not possible", e.getMessage());
        }
        if (e instanceof MappingException) {
            return new Refusal(422, "mapping failed", e.getMessage());
        }
        if (e instanceof StoreException s) {
            LOG.warn("admin request failed: {}", s.getMessage());
            return s.isOutage() ? Refusal.databaseUnavailable() : new Refusal(500, "database error", s.getMessage());
        }
        LOG.warn("admin request failed", e);
        return new Refusal(500, "internal error", e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** Replaces every configured secret value in every text of the answer with ***. */
    JsonNode mask(JsonNode n) {
        if (n.isTextual()) {
            String m = settings.mask(n.asText());
            return m.equals(n.asText()) ? n : TextNode.valueOf(m);
        }
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(mask(e.getValue()));
            }
        } else if (n.isArray()) {
            ArrayNode a = (ArrayNode) n;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, mask(a.get(i)));
            }
        }
        return n;
    }

    /** An ISO-8601 instant (2026-01-31T00:00:00Z, or with an offset), or a date meaning its start in UTC. */
    static Instant instant(String s) {
        return instant(s, "since");
    }

    static Instant instant(String s, String name) {
        try {
            return java.time.OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDate.parse(s).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw new Refusal(400, "bad " + name, name + " must be an ISO-8601 instant such as "
                        + "2026-01-31T00:00:00Z (or a date, 2026-01-31, meaning its start in UTC), not '" + s + "'");
            }
        }
    }

    private static Refusal notFound(long id) {
        return new Refusal(404, "no such transaction", "there is no transaction " + id);
    }

    private static String method(Exchange ex) {
        String m = ex.getIn().getHeader(Exchange.HTTP_METHOD, String.class);
        return m == null ? "GET" : m.toUpperCase(Locale.ROOT);
    }

    private static String query(Exchange ex, String name) {
        String v = ex.getIn().getHeader(name, String.class);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static long pathId(Exchange ex, String name) {
        String v = ex.getIn().getHeader(name, String.class);
        return positive(v, name, "a positive number");
    }

    private static long positive(String v, String name, String what) {
        try {
            long n = Long.parseLong(v == null ? "" : v.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new Refusal(400, "bad " + name, name + " must be " + what + ", not '" + v + "'");
    }
}
