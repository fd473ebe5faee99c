package com.cwfn.sandbox.fieldnation;

import com.cwfn.sandbox.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code metadata} block of Field Nation's paged lists ({@code total, page, pages, per_page}). */
final class FnPaging {
    private FnPaging() {
    }

    static ObjectNode metadata(int total, int page, int perPage) {
        ObjectNode m = Json.object();
        m.put("total", total);
        m.put("page", page);
        m.put("pages", perPage <= 0 ? 0 : (total + perPage - 1) / perPage);
        m.put("per_page", perPage);
        return m;
    }
}
