package com.cwfn.sandbox.connectwise;

import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxRequest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reading ConnectWise sandbox requests: numeric path ids, JSON bodies, search conditions and JSON Patch operations,
 * refused with ConnectWise's error shapes.
 */
final class CwRequests {
    private CwRequests() {
    }

    static long id(SandboxRequest r, String name) {
        String v = r.pathVar(name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw CwErrors.noEndpoint();
        }
    }

    static ObjectNode bodyObject(SandboxRequest r, String resource) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(r.body());
        } catch (Exception e) {
            throw CwErrors.badRequest("The request body is not valid JSON: "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (n == null || n.isMissingNode() || n.isNull()) {
            throw CwErrors.badRequest("The " + resource + " object is required in the request body.");
        }
        if (!n.isObject()) {
            throw CwErrors.badRequest("The request body must be a JSON " + resource + " object.");
        }
        return (ObjectNode) n;
    }

    static String searchConditions(SandboxRequest r) {
        if (r.body().length == 0) {
            return "";
        }
        ObjectNode b = bodyObject(r, "search");
        JsonNode c = b.get("conditions");
        return c == null || c.isNull() ? "" : c.asText();
    }

    static List<TicketRules.PatchOp> patchOps(JsonNode body) {
        if (body == null || !body.isArray()) {
            throw CwErrors.badRequest("The request body of a PATCH must be a JSON array of operations like "
                    + "[{\"op\":\"replace\",\"path\":\"summary\",\"value\":\"...\"}].");
        }
        List<TicketRules.PatchOp> ops = new ArrayList<>();
        for (JsonNode o : body) {
            if (!o.isObject() || !o.hasNonNull("op") || !o.hasNonNull("path")) {
                throw CwErrors.badRequest("Each patch operation needs an 'op' and a 'path'.");
            }
            String op = o.get("op").asText().trim().toLowerCase(Locale.ROOT);
            if (!op.equals("add") && !op.equals("replace") && !op.equals("remove")) {
                throw CwErrors.badRequest("The patch operation '" + o.get("op").asText()
                        + "' is not supported; use add, replace or remove.");
            }
            if (!op.equals("remove") && !o.has("value")) {
                throw CwErrors.badRequest("The patch operation '" + op + "' on '" + o.get("path").asText()
                        + "' needs a value.");
            }
            ops.add(new TicketRules.PatchOp(op, o.get("path").asText().trim(), o.get("value")));
        }
        return ops;
    }

    /**
     * Applies PATCH operations whose paths are {@code field} or {@code field/member} (the member's value wrapped as
     * {@code {"member": value}}; {@code remove} as null); a path whose field is not {@code writable} is refused with
     * InvalidField for {@code resource}.
     */
    static void applyPatch(List<TicketRules.PatchOp> ops, String resource, java.util.function.Predicate<String> writable,
            java.util.function.BiConsumer<String, JsonNode> apply) {
        for (TicketRules.PatchOp op : ops) {
            String path = op.path().startsWith("/") ? op.path().substring(1) : op.path();
            String[] seg = path.split("/");
            if (seg.length > 2 || !writable.test(seg[0])) {
                throw CwErrors.invalidObject(resource, "InvalidField", "The path '" + op.path() + "' is not valid.",
                        op.path());
            }
            JsonNode value = op.op().equals("remove") ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
                    : op.value();
            if (seg.length == 2) {
                ObjectNode wrapped = Json.object();
                wrapped.set(seg[1], value);
                value = wrapped;
            }
            apply.accept(seg[0], value);
        }
    }

    /** Sets a date field as an ISO instant, or collects InvalidField when the value is not a date. */
    static void putDate(ObjectNode e, String key, JsonNode val, CwErrors.Validation v) {
        java.time.Instant d = Conditions.parseDate(val.asText());
        if (d == null) {
            v.invalid("The field " + key + " must be a date like 2024-05-02T14:00:00Z.", key);
        } else {
            e.put(key, CwStore.iso(d));
        }
    }

    /** A JSON boolean, or the text true or false in any case; null when the value is neither. */
    static Boolean flag(JsonNode val) {
        if (val.isBoolean()) {
            return val.booleanValue();
        }
        String t = val.asText();
        return t.equalsIgnoreCase("true") ? Boolean.TRUE : t.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }
}
