package com.cwfn.sandbox.connectwise;

import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** ConnectWise's error bodies: {@code {"code","message","errors":[{code,message,resource,field}]}}. */
final class CwErrors {
    private CwErrors() {
    }

    static ObjectNode body(String code, String message) {
        ObjectNode o = Json.object();
        o.put("code", code);
        o.put("message", message);
        o.putNull("errors");
        return o;
    }

    static SandboxException error(int status, String code, String message) {
        return new SandboxException(status, message, body(code, message));
    }

    /** 404 {"code":"NotFound","message":"Ticket 123 not found"}. */
    static SandboxException notFound(String entity, Object id) {
        return error(404, "NotFound", entity + " " + id + " not found");
    }

    /** 404 for a path nobody serves. */
    static SandboxException noEndpoint() {
        return error(404, "ConnectWiseApi", "The endpoint does not exist.");
    }

    /** 400 with a request-level problem (unreadable body, bad parameter). */
    static SandboxException badRequest(String message) {
        return error(400, "ConnectWiseApi", message);
    }

    /** One inner validation error. */
    record Item(String code, String message, String field) {
    }

    /** Collects validation errors for one object and throws them as one 400 InvalidObject. */
    static final class Validation {
        private final String resource;
        private final List<Item> items = new ArrayList<>();

        Validation(String resource) {
            this.resource = resource;
        }

        Validation add(String code, String message, String field) {
            items.add(new Item(code, message, field));
            return this;
        }

        Validation missing(String field) {
            return add("MissingRequiredField", "The " + field + " field is required.", field);
        }

        Validation notFound(String message, String field) {
            return add("NotFound", message, field);
        }

        Validation invalid(String message, String field) {
            return add("InvalidField", message, field);
        }

        Validation maxLength(String field, int max) {
            return add("MaxLengthField", "The field " + field + " must be a string with a maximum length of " + max
                    + ".", field);
        }

        boolean hasField(String field) {
            return items.stream().anyMatch(i -> field.equals(i.field) || i.field.startsWith(field + "/"));
        }

        boolean isEmpty() {
            return items.isEmpty();
        }

        /** Throws when anything was collected. */
        void check() {
            if (!items.isEmpty()) {
                throw exception();
            }
        }

        /** Throws now with what was collected plus nothing else. */
        SandboxException exception() {
            ObjectNode o = Json.object();
            o.put("code", "InvalidObject");
            String message = resource + " object is invalid";
            o.put("message", message);
            ArrayNode errs = o.putArray("errors");
            for (Item i : items) {
                ObjectNode e = errs.addObject();
                e.put("code", i.code);
                e.put("message", i.message);
                e.put("resource", resource);
                e.put("field", i.field);
            }
            return new SandboxException(400, message + ": " + items, o);
        }
    }

    static Validation invalid(String resource) {
        return new Validation(resource);
    }

    /** Throws a 400 InvalidObject with one inner error right away. */
    static SandboxException invalidObject(String resource, String code, String message, String field) {
        return new Validation(resource).add(code, message, field).exception();
    }
}
