package com.cwfn.admin;

import com.cwfn.failure.PermanentFailure;
import com.cwfn.http.RemoteCallException;
import com.cwfn.json.Json;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Setting;
import com.cwfn.settings.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /admin/setup}: the setup stages as live checks, in the order an administrator goes through them, each
 * check green or red with the exact fix: ConnectWise (reachable, keys and clientId, the security role), Field Nation
 * (reachable, authenticated), fields refreshed from the template ticket, mappings.yaml valid against them (each
 * problem with its line), the callback registered and active, the webhook registered and active, and this connector
 * (database, mail, public URL), and the last test ticket round trip ({@link RoundTrip}). The connection check's checks are placed by name; one this list does not know lands
 * in the stage its name suggests, or the last; any other part of the connection answer is passed on as it is
 * ({@code connectionDetails}). {@code settings} lists every setting as this instance reads it, a secret only as
 * "set" or "not set".
 */
public class SetupChecklist {
    static final String CONNECTWISE = "ConnectWise";
    static final String FIELD_NATION = "Field Nation";
    static final String FIELDS = "Fields";
    static final String MAPPINGS = "Mappings";
    static final String CALLBACK = "Callback";
    static final String WEBHOOK = "Webhook";
    static final String CONNECTOR = "This connector";
    static final String ROUND_TRIP = "Round trip";
    private static final Set<String> CONNECTION_PARTS = Set.of("ok", "checkedAt", "checks", "notProbed", "skipped");

    private final Settings settings;
    private final ConnectionCheck connection;
    private final FieldsRefresh fields;
    private final CallbackRegistration callbacks;
    private final WebhookRegistration webhooks;
    private final RoundTrip roundTrip;

    public SetupChecklist(Settings settings, ConnectionCheck connection, FieldsRefresh fields,
            CallbackRegistration callbacks, WebhookRegistration webhooks, RoundTrip roundTrip) {
        this.roundTrip = roundTrip;
        this.settings = settings;
        this.connection = connection;
        this.fields = fields;
        this.callbacks = callbacks;
        this.webhooks = webhooks;
    }

    public ObjectNode run() {
        ObjectNode conn = connection.run();
        List<ObjectNode> stages = new ArrayList<>();
        ObjectNode cw = stage(stages, CONNECTWISE, "ConnectWise: reachable, the API member's keys and clientId, the "
                + "security role's permissions");
        ObjectNode fn = stage(stages, FIELD_NATION, "Field Nation: reachable and authenticated");
        ObjectNode fieldStage = stage(stages, FIELDS, "Fields refreshed from the template ticket");
        ObjectNode mappingStage = stage(stages, MAPPINGS, "mappings.yaml valid against the refreshed fields");
        ObjectNode callbackStage = stage(stages, CALLBACK, "ConnectWise callback registered and active");
        ObjectNode webhookStage = stage(stages, WEBHOOK, "Field Nation webhook registered and active");
        ObjectNode trip = stage(stages, ROUND_TRIP, "A test ticket's round trip (its work order stays a draft and is "
                + "cancelled: it never reaches the marketplace)");
        ObjectNode local = stage(stages, CONNECTOR, "This connector: database, mail, public URL");
        for (JsonNode c : conn.path("checks")) {
            String name = c.path("name").asText().toLowerCase(Locale.ROOT);
            boolean permission = name.startsWith(ConnectionCheck.CW_PERMISSION.toLowerCase(Locale.ROOT));
            ObjectNode into = permission ? cw : name.contains("callback") ? callbackStage
                    : name.contains("webhook") ? webhookStage
                    : name.startsWith("connectwise") ? cw : name.startsWith("field nation") ? fn : local;
            ((ArrayNode) into.get("checks")).add(c);
        }
        conn.path("skipped").forEach(s -> (s.asText().startsWith("Field Nation") ? fn : cw).withArray("notes")
                .add(s.asText()));
        conn.path("notProbed").forEach(p -> cw.withArray("notes").add("not probed: " + p.path("permission").asText()
                + " (" + p.path("why").asText() + ")"));
        fieldsAndMappings(fieldStage, mappingStage);
        // the connection check reports each registration (active, inactive, missing) when it can; else look here
        if (callbackStage.path("checks").isEmpty()) {
            callbackStage.withArray("checks").add(guarded("ConnectWise callback", this::callback));
        }
        if (webhookStage.path("checks").isEmpty()) {
            webhookStage.withArray("checks").add(guarded("Field Nation webhook", this::webhook));
        }
        trip.withArray("checks").add(roundTrip());
        ObjectNode out = Json.object();
        boolean ok = true;
        ArrayNode a = out.putArray("stages");
        for (ObjectNode s : stages) {
            boolean stageOk = true;
            for (JsonNode c : s.path("checks")) {
                stageOk &= c.path("ok").asBoolean();
            }
            s.put("ok", stageOk);
            ok &= stageOk;
            a.add(s);
        }
        out.put("ok", ok).put("checkedAt", conn.path("checkedAt").asText());
        out.set("settings", settingsInUse());
        ObjectNode details = Json.object();
        conn.properties().forEach(e -> {
            if (!CONNECTION_PARTS.contains(e.getKey())) {
                details.set(e.getKey(), e.getValue());
            }
        });
        if (!details.isEmpty()) {
            out.set("connectionDetails", details);
        }
        return out;
    }

    /** Every setting's value as this instance reads it; a secret only as "set" or "not set". */
    private ArrayNode settingsInUse() {
        ArrayNode a = Json.array();
        for (Setting s : Catalog.all()) {
            String v = settings.text(s);
            a.addObject().put("key", s.key()).put("secret", s.secret())
                    .put("value", s.secret() ? (v.isEmpty() ? "not set" : "set") : settings.mask(v))
                    .put("default", v.equals(s.defaultValue()));
        }
        return a;
    }

    private static ObjectNode stage(List<ObjectNode> stages, String id, String title) {
        ObjectNode s = Json.object().put("id", id).put("title", title);
        s.putArray("checks");
        stages.add(s);
        return s;
    }

    private void fieldsAndMappings(ObjectNode fieldStage, ObjectNode mappingStage) {
        String template = settings.text(Catalog.SYNC_TEMPLATE_TICKET_ID);
        Optional<ObjectNode> stored;
        try {
            stored = fields.stored();
        } catch (RuntimeException e) {
            fieldStage.withArray("checks").add(ConnectionCheck.fail("Fields refreshed", "the stored fields could not "
                    + "be read: " + e.getMessage(), "press Refresh Fields"));
            return;
        }
        ArrayNode checks = fieldStage.withArray("checks");
        if (template.isEmpty()) {
            checks.add(ConnectionCheck.fail("Template ticket", "sync.template-ticket-id is not set: Refresh Fields "
                    + "cannot read the ticket fields and custom fields a mapping may use", "set sync.template-ticket-id"
                    + " to a ticket on a synced board with every field you want to map filled in, and restart"));
        } else {
            checks.add(ConnectionCheck.ok("Template ticket", "sync.template-ticket-id is ticket " + template));
        }
        if (stored.isEmpty()) {
            checks.add(ConnectionCheck.fail("Fields refreshed", "no fields stored yet",
                    "press Refresh Fields (POST /admin/fields/refresh)"));
            mappingStage.withArray("checks").add(ConnectionCheck.fail("mappings.yaml", "not checked: it is checked "
                    + "against the refreshed fields", "press Refresh Fields"));
            return;
        }
        JsonNode f = stored.get();
        JsonNode t = f.path("connectwise").path("templateTicket");
        checks.add(ConnectionCheck.ok("Fields refreshed", "refreshed " + f.path("refreshedAt").asText()
                + (t.isMissingNode() || t.isNull() ? "" : " from template ticket " + t.path("id").asText() + ": "
                        + t.path("fields").size() + " fields, " + t.path("customFields").size() + " custom fields")
                + "; " + f.path("connectwise").path("boards").size() + " boards"));
        for (JsonNode e : f.path("errors")) {
            checks.add(ConnectionCheck.fail("Refresh Fields", e.isTextual() ? e.asText() : e.toString(),
                    "fix what the connection check reports, then press Refresh Fields again"));
        }
        JsonNode m = f.path("mappings");
        ArrayNode mc = mappingStage.withArray("checks");
        for (JsonNode p : m.path("problems")) {
            mc.add(ConnectionCheck.fail(m.path("file").asText("mappings.yaml") + " line " + p.path("line").asText(),
                    p.path("problem").asText() + " (" + p.path("kind").asText() + " '" + p.path("value").asText()
                            + "')", "change line " + p.path("line").asText() + " of mappings.yaml to a name Refresh "
                            + "Fields found (or create it on that side), then press Refresh Fields again"));
        }
        if (m.path("problems").isEmpty()) {
            mc.add(ConnectionCheck.ok("mappings.yaml", "every board, status and custom field it names exists"));
        }
        m.path("unchecked").forEach(u -> mappingStage.withArray("notes").add("not checked: " + u.asText()));
    }

    private ObjectNode callback() {
        ArrayNode list = callbacks.list();
        if (list.isEmpty()) {
            return ConnectionCheck.fail("ConnectWise callback", "ConnectWise has no callback to this connector's URL:"
                    + " ticket changes do not reach it", "press Register callback (POST /admin/callbacks)");
        }
        List<String> inactive = new ArrayList<>();
        list.forEach(c -> {
            if (c.path("inactive").asBoolean()) {
                inactive.add(c.path("id").asText());
            }
        });
        if (!inactive.isEmpty()) {
            return ConnectionCheck.fail("ConnectWise callback", "callback " + String.join(", ", inactive)
                    + " is inactive (ConnectWise deactivates a callback after failed deliveries)",
                    "press Register callback: it replaces an inactive entry");
        }
        return ConnectionCheck.ok("ConnectWise callback", list.size() + " active callback entr"
                + (list.size() == 1 ? "y" : "ies") + " (" + levels(list) + ")");
    }

    private static String levels(ArrayNode list) {
        List<String> l = new ArrayList<>();
        list.forEach(c -> l.add(c.path("level").asText() + " " + c.path("objectId").asText()));
        return String.join(", ", l);
    }

    private ObjectNode webhook() {
        ArrayNode list = webhooks.list();
        if (list.isEmpty()) {
            return ConnectionCheck.fail("Field Nation webhook", "Field Nation has no webhook to this connector's URL: "
                    + "work order changes do not reach it", "press Register webhook (POST /admin/webhooks)");
        }
        JsonNode w = list.get(0);
        if (!"active".equalsIgnoreCase(w.path("state").asText())) {
            return ConnectionCheck.fail("Field Nation webhook", "the webhook is " + w.path("state").asText("not active"),
                    "press Register webhook: it sets the webhook active again");
        }
        return ConnectionCheck.ok("Field Nation webhook", "active, " + w.path("events").size() + " events"
                + (w.path("signed").asBoolean() ? ", signed" : ", not signed"));
    }

    private ObjectNode roundTrip() {
        ObjectNode last = roundTrip.last();
        String state = last.path("state").asText();
        StringBuilder steps = new StringBuilder();
        last.path("steps").forEach(s -> steps.append(steps.length() == 0 ? "" : "; ").append(s.path("step").asText())
                .append(": ").append(s.path("detail").asText(s.path("state").asText())));
        String detail = switch (state) {
            case "never" -> "not run yet";
            case "running" -> "running since " + last.path("startedAt").asText() + ": " + steps;
            default -> state + " (started " + last.path("startedAt").asText() + "): " + steps
                    + (last.hasNonNull("detail") ? "; " + last.path("detail").asText() : "");
        };
        return "passed".equals(state) ? ConnectionCheck.ok("Test ticket round trip", detail)
                : ConnectionCheck.fail("Test ticket round trip", detail, last.hasNonNull("fix") ? last.path("fix")
                        .asText() : "running".equals(state) ? "wait for it to finish, then check again"
                        : "press Run the round trip (after the stages above pass)");
    }

    /** The check, or a failed one saying why it could not be made. */
    private static ObjectNode guarded(String name, Supplier<ObjectNode> check) {
        try {
            return check.get();
        } catch (PermanentFailure e) {
            return ConnectionCheck.fail(name, e.getMessage(), "set connector.public-url and restart");
        } catch (RemoteCallException e) {
            return ConnectionCheck.fail(name, "could not be read: " + e.getMessage(), "fix the "
                    + (name.startsWith("ConnectWise") ? "ConnectWise" : "Field Nation") + " checks above first");
        }
    }
}
