package com.cwfn.mapping;

import static com.cwfn.mapping.TestSupport.json;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The document the action tests read. */
final class ActionFixtures {
    static final ObjectNode DOC = json("""
            { "ticket": { "id": 69, "summary": "Printer offline", "budgetHours": 3.5, "priorityText": "7",
                          "type": { "name": "Point of Sale" }, "empty": "", "nothing": null,
                          "customFields": [ {"caption": "Story Points", "value": 5},
                                            {"caption": "Ext Ref", "value": "X-1"} ] },
              "customFields": { "Site Access": "Key at desk", "Ext Ref": "X-1" },
              "notes": [ {"id": 1, "text": "first"}, {"id": 2, "text": "second"} ],
              "when": "2026-07-01 09:00", "iso": "2026-07-01T09:00:00-05:00", "bad": "yesterday",
              "text": "a < b & \\"c\\" 'd' > e\\r\\nline2\\nline3\\rline4" }
            """);

    private ActionFixtures() {
    }
}
