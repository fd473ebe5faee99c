package com.cwfn.app;

import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.mapping.Mappings;
import com.cwfn.notify.NeedsAttention;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.store.InboxStore;
import com.cwfn.store.LinkStore;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.sync.NoteWriter;
import com.cwfn.syncback.BoardStatuses;
import com.cwfn.syncback.ChargeCopier;
import com.cwfn.syncback.ExpenseSync;
import com.cwfn.syncback.LaborCharge;
import com.cwfn.syncback.TechnicianNote;
import com.cwfn.syncback.WriteBackFields;
import com.cwfn.syncback.TimeEntrySync;
import com.cwfn.syncback.Writes;
import com.cwfn.syncback.ClosingNotes;
import com.cwfn.syncback.Ignore;
import com.cwfn.syncback.MessageExporter;
import com.cwfn.syncback.OutboundCreator;
import com.cwfn.syncback.ProviderAttention;
import com.cwfn.syncback.ProviderNotes;
import com.cwfn.syncback.ScheduleSync;
import com.cwfn.syncback.StatusSync;
import com.cwfn.syncback.UploadExporter;
import com.cwfn.syncback.WorkOrderEvents;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** The steps of routes/sync-back.camel.yaml (Field Nation work order events → the linked ticket). */
public class SyncBackConfiguration implements CamelConfiguration {

    @BindToRegistry
    public WorkOrderEvents workOrderEvents(LinkStore links, InboxStore inbox, Settings settings, FieldNationClient fn,
            Mappings mappings) {
        return new WorkOrderEvents(links, inbox, settings, fn, mappings);
    }

    @BindToRegistry
    public StatusSync statusSync(ConnectWiseClient cw, Mappings mappings, LinkStore links, SyncLog log) {
        return new StatusSync(cw, new BoardStatuses(cw), mappings, links, log);
    }

    @BindToRegistry
    public MessageExporter messageExporter(NoteWriter notes, FieldNationClient fn, SyncedItemStore items, SyncLog log,
            Settings settings) {
        return new MessageExporter(notes, fn, items, log, settings);
    }

    @BindToRegistry
    public UploadExporter uploadExporter(ConnectWiseClient cw, FieldNationClient fn, SyncedItemStore items,
            SyncLog log, Settings settings) {
        return new UploadExporter(cw, fn, items, log, settings);
    }

    @BindToRegistry
    public ScheduleSync scheduleSync(ConnectWiseClient cw, FieldNationClient fn, LinkStore links, SyncLog log,
            Settings settings) {
        return new ScheduleSync(cw, fn, links, log, settings.text(Catalog.CONNECTWISE_SCHEDULE_MEMBER));
    }

    /** What the provider does, on the ticket (sync.provider-notes). */
    @BindToRegistry
    public ProviderNotes providerNotes(NoteWriter notes, FieldNationClient fn, SyncLog log, Settings settings) {
        return new ProviderNotes(notes, fn, log, settings);
    }

    /** What the provider does that a person must look at (needs attention). */
    @BindToRegistry
    public ProviderAttention providerAttention(NeedsAttention attention, FieldNationClient fn, SyncLog log) {
        return new ProviderAttention(attention, fn, log);
    }

    @BindToRegistry
    public ClosingNotes closingNotes(NoteWriter notes, FieldNationClient fn, SyncLog log) {
        return new ClosingNotes(notes, fn, log);
    }

    @BindToRegistry
    public OutboundCreator outboundCreator(ConnectWiseClient cw, FieldNationClient fn, Mappings mappings,
            LinkStore links, NoteWriter notes, SyncLog log, Settings settings) {
        return new OutboundCreator(cw, fn, mappings, links, notes, log, settings);
    }

    @BindToRegistry
    public Ignore ignore() {
        return new Ignore();
    }

    // ---------------------------------------------------------------- time, expenses, labor and the technician

    @BindToRegistry
    public TimeEntrySync timeEntrySync(ConnectWiseClient cw, FieldNationClient fn, SyncedItemStore items, SyncLog log,
            Mappings mappings, Settings settings) {
        return new TimeEntrySync(new ChargeCopier(cw, items, log), fn, mappings, settings);
    }

    @BindToRegistry
    public ExpenseSync expenseSync(ConnectWiseClient cw, FieldNationClient fn, SyncedItemStore items, SyncLog log,
            Mappings mappings, Settings settings) {
        return new ExpenseSync(new ChargeCopier(cw, items, log), fn, mappings, settings);
    }

    @BindToRegistry
    public LaborCharge laborCharge(ConnectWiseClient cw, FieldNationClient fn, SyncedItemStore items, SyncLog log,
            Mappings mappings, Settings settings) {
        return new LaborCharge(new ChargeCopier(cw, items, log), fn, mappings, settings);
    }

    @BindToRegistry
    public TechnicianNote technicianNote(NoteWriter notes, FieldNationClient fn, SyncedItemStore items, SyncLog log) {
        return new TechnicianNote(notes, fn, items, log);
    }

    @BindToRegistry
    public WriteBackFields writeBackFields(ConnectWiseClient cw, FieldNationClient fn, Mappings mappings,
            SyncedItemStore items, SyncLog log) {
        return new WriteBackFields(cw, fn, mappings, items, log);
    }

    @BindToRegistry
    public Writes writes() {
        return new Writes();
    }
}
