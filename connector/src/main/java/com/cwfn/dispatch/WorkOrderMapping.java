package com.cwfn.dispatch;

import com.cwfn.mapping.Mappings;
import com.cwfn.mapping.WorkOrderMapper;

/**
 * Maps the ticket document through mappings.yaml to the work order body Field Nation gets: the board's fields, with
 * those of the dispatch rule that applies to the ticket laid over them.
 */
public class WorkOrderMapping {
    private final Mappings mappings;
    private final WorkOrderMapper mapper = new WorkOrderMapper();

    public WorkOrderMapping(Mappings mappings) {
        this.mappings = mappings;
    }

    public Dispatch map(Dispatch d) {
        d.workOrderBody = mapper.map(mappings.current(), d.board, d.rule(), d.document);
        return d;
    }

    /** {@link #map}, also answering which mapping entry produced each value and from what (the admin preview). */
    public WorkOrderMapper.Traced mapWithSources(Dispatch d) {
        WorkOrderMapper.Traced t = mapper.mapWithSources(mappings.current(), d.board, d.rule(), d.document);
        d.workOrderBody = t.body();
        return t;
    }
}
