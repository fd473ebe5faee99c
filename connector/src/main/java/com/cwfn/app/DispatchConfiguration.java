package com.cwfn.app;

import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.dispatch.ActionOnce;
import com.cwfn.dispatch.ApproveWorkOrder;
import com.cwfn.dispatch.AttentionChoice;
import com.cwfn.dispatch.CancelWorkOrder;
import com.cwfn.dispatch.ClaimSettler;
import com.cwfn.dispatch.DispatchRules;
import com.cwfn.dispatch.SendBackWorkOrder;
import com.cwfn.dispatch.StatusMoves;
import com.cwfn.notify.NeedsAttention;
import com.cwfn.dispatch.DocumentImporter;
import com.cwfn.dispatch.NoteImporter;
import com.cwfn.dispatch.NotDispatched;
import com.cwfn.dispatch.RuleChooser;
import com.cwfn.dispatch.Publisher;
import com.cwfn.dispatch.TicketReader;
import com.cwfn.dispatch.TicketVersions;
import com.cwfn.dispatch.WorkOrderMapping;
import com.cwfn.dispatch.WorkOrderWriter;
import com.cwfn.dispatch.DispatchedNote;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.mapping.Mappings;
import com.cwfn.notify.FailureMailer;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.store.AttentionStore;
import com.cwfn.store.InboxStore;
import com.cwfn.store.LinkStore;
import com.cwfn.store.RoutingStore;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.store.WatchStore;
import com.cwfn.sync.NoteWriter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** The steps of routes/dispatch.camel.yaml (ConnectWise ticket → Field Nation work order). */
public class DispatchConfiguration implements CamelConfiguration {

    /** Reads a ticket's parts in parallel on a pool of its own. */
    @BindToRegistry
    public TicketReader ticketReader(ConnectWiseClient cw, LinkStore links, InboxStore inbox, Settings settings,
            Mappings mappings, CamelContext context) {
        ExecutorService reads = context.getExecutorServiceManager().newFixedThreadPool(this, "ticket-reads",
                Math.max(16, settings.integer(Catalog.WORKERS) * 4));
        return new TicketReader(cw, links, inbox, settings, mappings, reads);
    }

    @BindToRegistry
    public DispatchRules dispatchRules(Settings settings, Mappings mappings) {
        return new DispatchRules(settings, mappings);
    }

    @BindToRegistry
    public RuleChooser ruleChooser(Mappings mappings) {
        return new RuleChooser(mappings);
    }

    @BindToRegistry
    public NotDispatched notDispatched(NoteWriter notes, SyncLog log) {
        return new NotDispatched(notes, log);
    }

    @BindToRegistry
    public WorkOrderMapping workOrderMapping(Mappings mappings) {
        return new WorkOrderMapping(mappings);
    }

    @BindToRegistry
    public WorkOrderWriter workOrderWriter(FieldNationClient fn, LinkStore links, InboxStore inbox, SyncLog log,
            Mappings mappings, Clock clock, PrometheusMeterRegistry meters, SyncedItemStore items) {
        return new WorkOrderWriter(fn, links, inbox, log, mappings, clock, meters, items);
    }

    @BindToRegistry
    public Publisher publisher(FieldNationClient fn, SyncedItemStore items, LinkStore links, SyncLog log,
            FailureMailer mailer, Settings settings, RoutingStore routing) {
        return new Publisher(fn, items, links, log, mailer, settings, routing);
    }

    /** The one writer of the connector's own ticket notes (dispatch and sync back). */
    @BindToRegistry
    public NoteWriter noteWriter(ConnectWiseClient cw, SyncedItemStore items) {
        return new NoteWriter(cw, items);
    }

    @BindToRegistry
    public DispatchedNote dispatchedNote(NoteWriter notes, SyncLog log) {
        return new DispatchedNote(notes, log);
    }

    @BindToRegistry
    public NoteImporter noteImporter(FieldNationClient fn, SyncedItemStore items, SyncLog log, Settings settings) {
        return new NoteImporter(fn, items, log, settings);
    }

    @BindToRegistry
    public DocumentImporter documentImporter(ConnectWiseClient cw, FieldNationClient fn, SyncedItemStore items,
            SyncLog log, Settings settings) {
        return new DocumentImporter(cw, fn, items, log, settings);
    }

    @BindToRegistry
    public TicketVersions ticketVersions(WatchStore watch) {
        return new TicketVersions(watch);
    }

    // ---------------------------------------------------------------- the ticket's status acts on its work order

    @BindToRegistry
    public ClaimSettler claimSettler(WorkOrderWriter writer, LinkStore links, InboxStore inbox, DispatchRules rules,
            SyncLog log) {
        return new ClaimSettler(writer, links, inbox, rules, log);
    }

    @BindToRegistry
    public StatusMoves statusMoves(LinkStore links, Mappings mappings, SyncLog log) {
        return new StatusMoves(links, mappings, log);
    }

    /** A person's choice on an item that needs attention (routes/attention.camel.yaml). */
    @BindToRegistry
    public AttentionChoice attentionChoice(AttentionStore items, LinkStore links, InboxStore inbox) {
        return new AttentionChoice(items, links, inbox);
    }

    @BindToRegistry
    public CancelWorkOrder cancelWorkOrder(FieldNationClient fn, SyncedItemStore items, NoteWriter notes,
            LinkStore links, SyncLog log, NeedsAttention attention, Settings settings) {
        return new CancelWorkOrder(fn, new ActionOnce(fn, items, notes, links, log), attention, settings);
    }

    @BindToRegistry
    public ApproveWorkOrder approveWorkOrder(FieldNationClient fn, SyncedItemStore items, NoteWriter notes,
            LinkStore links, SyncLog log) {
        return new ApproveWorkOrder(fn, new ActionOnce(fn, items, notes, links, log));
    }

    @BindToRegistry
    public SendBackWorkOrder sendBackWorkOrder(FieldNationClient fn, SyncedItemStore items, NoteWriter notes,
            LinkStore links, SyncLog log, Settings settings) {
        return new SendBackWorkOrder(fn, new ActionOnce(fn, items, notes, links, log), items, settings);
    }
}
