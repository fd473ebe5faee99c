package com.cwfn.syncback;

import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.json.Json;
import com.cwfn.mapping.Mappings;
import com.cwfn.mapping.WorkOrderMapper;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the steps that charge a ticket share (time entries, expenses, the labor charge): the copier that writes each
 * item once, the Field Nation client, the mapping in use, the settings, and the mapper for their mappings.yaml
 * sections.
 */
abstract class ChargeStep {
    final ChargeCopier copier;
    final FieldNationClient fn;
    final Mappings mappings;
    final Settings settings;
    final WorkOrderMapper mapper = new WorkOrderMapper();

    ChargeStep(ChargeCopier copier, FieldNationClient fn, Mappings mappings, Settings settings) {
        this.copier = copier;
        this.fn = fn;
        this.mappings = mappings;
        this.settings = settings;
    }

    /** A time or expense entry charged to the event's ticket, for {@code sync.time.member} when it is set. */
    ObjectNode chargedToTicket(SyncBack s) {
        ObjectNode b = Json.object();
        b.put("chargeToId", s.link.ticketId()).put("chargeToType", s.kind().recordType());
        String member = settings.text(Catalog.SYNC_TIME_MEMBER);
        if (!member.isEmpty()) {
            b.putObject("member").put("identifier", member);
        }
        return b;
    }
}
