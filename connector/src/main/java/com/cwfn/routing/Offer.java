package com.cwfn.routing;

import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A work order as routing sees it: still on offer (a draft, published or routed: nobody assigned, not cancelled), or
 * past that (assigned and later, cancelled, gone). Field Nation's status ids: 1 Draft, 2 Published, 9 Routed.
 */
final class Offer {
    private final ObjectNode workOrder;
    private final Long status;

    private Offer(ObjectNode workOrder) {
        this.workOrder = workOrder;
        this.status = workOrder == null ? null : Json.number(workOrder, "status/id");
    }

    /** The work order as Field Nation has it now (read once). */
    static Offer of(FieldNationClient fn, long workOrderId) {
        return new Offer(fn.findWorkOrder(workOrderId).orElse(null));
    }

    /** True while nobody is assigned and it is not cancelled. */
    boolean open() {
        return status != null && (status == 1 || status == 2 || status == 9);
    }

    /** True when a provider is assigned or the work is done (not cancelled, not gone). */
    boolean taken() {
        return status != null && !open() && status != 7;
    }

    /** Its status name, or "gone". */
    String state() {
        return workOrder == null ? "gone" : Optional.ofNullable(Json.text(workOrder, "status/name")).orElse("?");
    }

    ObjectNode workOrder() {
        return workOrder;
    }
}
