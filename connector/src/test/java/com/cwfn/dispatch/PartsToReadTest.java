package com.cwfn.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.cwfn.json.Json;
import com.cwfn.mapping.MappingConfig;
import com.cwfn.mapping.MappingLoader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which parts a dispatch reads, derived from the source paths of mappings.yaml and the features on. */
class PartsToReadTest {
    static final MappingConfig SHIPPED = shipped();

    static MappingConfig shipped() {
        try {
            return MappingLoader.load(Files.readString(Path.of("mappings.yaml")), "mappings.yaml");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A ticket with company 2, contact 2 and site 28, carrying its contact's name, phone and email. */
    static ObjectNode ticket() {
        ObjectNode t = Json.object().put("id", 5).put("summary", "x").put("contactName", "Jane Doe")
                .put("contactPhoneNumber", "8135550100").put("contactEmailAddress", "jane@acme.example");
        t.putObject("company").put("id", 2).put("name", "ACME");
        t.putObject("contact").put("id", 2);
        t.putObject("site").put("id", 28);
        return t;
    }

    @Test
    void theShippedMappingReadsTheSiteAndTheScheduleButNeitherCompanyNorContact() {
        assertThat(SHIPPED.sourceRoots("Field Services")).contains("ticket", "address", "contactInfo", "schedule",
                "description").doesNotContain("company", "contact", "site", "documents");
        PartsToRead parts = PartsToRead.of(ticket(), SHIPPED.sourceRoots("Field Services"), true);
        assertThat(parts).isEqualTo(new PartsToRead(false, false, true, true, true, false));
    }

    @Test
    void contactInfoReadsTheContactOnlyWhenTheTicketLacksItsNamePhoneOrEmail() {
        ObjectNode noEmail = ticket();
        noEmail.putNull("contactEmailAddress");
        assertThat(PartsToRead.of(noEmail, Set.of("contactInfo"), false).contact()).isTrue();
        ObjectNode noContact = ticket();
        noContact.remove("contact");
        noContact.remove("contactName");
        assertThat(PartsToRead.of(noContact, Set.of("contactInfo"), false).contact()).as("nothing to read").isFalse();
        assertThat(PartsToRead.of(ticket(), Set.of("contactInfo"), false).contact()).isFalse();
    }

    @Test
    void addressReadsTheSiteOnlyWhenTheTicketHasOne() {
        ObjectNode noSite = ticket();
        noSite.putNull("site");
        assertThat(PartsToRead.of(noSite, Set.of("address"), false).site()).isFalse();
        assertThat(PartsToRead.of(ticket(), Set.of("address"), false).site()).isTrue();
        assertThat(PartsToRead.of(ticket(), Set.of("ticket"), false).site()).isFalse();
    }

    @Test
    void aBoardThatMapsTheCompanyTheContactAndTheDocumentsReadsThem() {
        MappingConfig cfg = MappingLoader.load("""
                ticketIdCustomField: "CW Ticket"
                defaults:
                  fields:
                    - { target: title, source: ticket.summary }
                boards:
                  "Help Desk":
                    fields:
                      - { target: location.display_name, source: company.name, when: "contact.firstName" }
                      - target: description.html
                        action: concat
                        sources: ["literal:Files:", "documents[0].title"]
                """, "boards.yaml");
        assertThat(cfg.sourceRoots("Help Desk")).containsExactlyInAnyOrder("ticket", "company", "contact", "documents");
        assertThat(cfg.sourceRoots("Other")).containsExactly("ticket");
        PartsToRead parts = PartsToRead.of(ticket(), cfg.sourceRoots("Help Desk"), false);
        assertThat(parts).isEqualTo(new PartsToRead(true, true, false, false, true, true));
        assertThat(PartsToRead.of(ticket(), cfg.sourceRoots("Other"), false))
                .as("nothing but the ticket and its notes").isEqualTo(new PartsToRead(false, false, false, false,
                        false, false));
    }

    @Test
    void whatARulesIfReadsIsReadTooAndTheTicketsOwnCompanyReferenceCostsNothing() {
        MappingConfig cfg = MappingLoader.load("""
                ticketIdCustomField: "CW Ticket"
                defaults:
                  fields:
                    - { target: title, source: ticket.summary }
                  rules:
                    - { if: 'ticket.company.identifier in ["GLOBEX"]', dispatch: false }
                boards:
                  "Help Desk":
                    rules:
                      - { if: '$substring(address.zip, 0, 3) = "336" and company.types[0].name = "Client"',
                          publish: on-approval }
                """, "rules.yaml");
        assertThat(PartsToRead.of(ticket(), cfg.sourceRoots("Field Services"), false))
                .as("ticket.company.* is the ticket's own: nothing more").isEqualTo(new PartsToRead(false, false,
                        false, false, false, false));
        assertThat(PartsToRead.of(ticket(), cfg.sourceRoots("Help Desk"), false))
                .as("company.* and address (the site) are read for the Help Desk's rule")
                .isEqualTo(new PartsToRead(true, false, true, false, false, false));
    }

    @Test
    void anExpressionMayReadAnythingSoEverythingIsRead() {
        MappingConfig cfg = MappingLoader.load("""
                ticketIdCustomField: "CW Ticket"
                defaults:
                  fields:
                    - { target: title, action: expression, expression: "ticket.summary & ' at ' & company.name" }
                """, "expr.yaml");
        PartsToRead parts = PartsToRead.of(ticket(), cfg.sourceRoots(null), false);
        assertThat(parts).isEqualTo(new PartsToRead(true, true, true, true, true, true));
    }
}
