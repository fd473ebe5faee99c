package com.cwfn.dispatch;

import com.cwfn.json.Json;
import com.cwfn.mapping.TicketDocument;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Which of a ticket's parts a dispatch reads, besides the ticket itself: what the source paths of its board's mappings
 * use ({@link com.cwfn.mapping.MappingConfig#sourceRoots}) and what the enabled features need. Notes are always read
 * (the dispatched note and the note copies need them). A derived name reads the record behind it only when the ticket
 * does not carry it: {@code address} needs the site's record when the ticket has a site; {@code contactInfo} needs
 * the contact's record only when the ticket lacks its contact's name, phone or email.
 *
 * @param company the company record ({@code company.*})
 * @param contact the contact record ({@code contact.*}, or {@code contactInfo} that the ticket cannot answer)
 * @param site the site record ({@code site.*}, {@code address} of a ticket with a site)
 * @param scheduleEntries the schedule entries ({@code scheduleEntries}, {@code schedule})
 * @param documents the document list ({@code documents}, or copying documents: {@code sync.documents.import})
 * @param documentsMapped the mapping reads the documents, so the whole records are read, not only what copying needs
 */
public record PartsToRead(boolean company, boolean contact, boolean site, boolean scheduleEntries, boolean documents,
        boolean documentsMapped) {

    /** What copying documents reads of each (a list read only for that is read with {@code fields=}). */
    static final String DOCUMENT_FIELDS = "id,title,fileName,size,linkFlag,urlFlag";

    public static PartsToRead of(ObjectNode ticket, Set<String> roots, boolean documentsImport) {
        Long companyId = Json.number(ticket, "company/id");
        boolean hasContact = Json.number(ticket, "contact/id") != null;
        boolean hasSite = Json.number(ticket, "site/id") != null && companyId != null;
        boolean documentsMapped = roots.contains("documents");
        return new PartsToRead(
                companyId != null && roots.contains("company"),
                hasContact && (roots.contains("contact")
                        || roots.contains("contactInfo") && !TicketDocument.carriesContact(ticket)),
                hasSite && (roots.contains("site") || roots.contains("address")),
                roots.contains("scheduleEntries") || roots.contains("schedule"),
                documentsImport || documentsMapped,
                documentsMapped);
    }
}
