package com.cwfn.admin;

import java.util.List;

/**
 * The ConnectWise security-role permissions the API member needs for exactly the calls the connector makes, in the
 * words of the ConnectWise security-role screen (module, function, level), with what each is used for and, where a
 * harmless read exists, the read that probes it. The security role table in docs/administration.md and the connection
 * check both come from here.
 */
public final class RequiredPermissions {
    /** The separator ConnectWise shows between module, function and level. */
    public static final String SEP = " \u203A ";

    /**
     * One permission.
     *
     * @param module   security-role module, e.g. Service Desk
     * @param function function in the module, e.g. Service Tickets
     * @param level    Inquire, Add, Edit or Delete
     * @param usedFor  what the connector calls with it
     * @param probe    the harmless GET (path below /apis/3.0, with its query) that needs it, or null when only a
     *                 write needs it
     */
    public record Permission(String module, String function, String level, String usedFor, String probe) {
        /** "Module › Function › Level", as the security-role screen shows it. */
        public String words() {
            return module + SEP + function + SEP + level;
        }

        public String probePath() {
            return probe == null ? null : probe.split("\\?", 2)[0];
        }

        public String probeQuery() {
            return probe == null || !probe.contains("?") ? null : probe.split("\\?", 2)[1];
        }
    }

    public static final List<Permission> ALL = List.of(
            new Permission("Service Desk", "Service Tickets", "Inquire",
                    "read service tickets and their notes (GET /service/tickets...)", "/service/tickets?pageSize=1"),
            new Permission("Service Desk", "Service Tickets", "Add",
                    "add notes to service tickets; create a ticket for outbound create (POST /service/tickets...)",
                    null),
            new Permission("Service Desk", "Service Tickets", "Edit",
                    "set the status of service tickets (PATCH /service/tickets/{id})", null),
            new Permission("Project", "Project Tickets", "Inquire",
                    "read project tickets and their notes (GET /project/tickets...)", "/project/tickets?pageSize=1"),
            new Permission("Project", "Project Tickets", "Add",
                    "add notes to project tickets (POST /project/tickets/{id}/notes)", null),
            new Permission("Project", "Project Tickets", "Edit",
                    "set the status of project tickets (PATCH /project/tickets/{id})", null),
            new Permission("Companies", "Company Maintenance", "Inquire",
                    "read the ticket's company and site (GET /company/companies/...)", "/company/companies?pageSize=1"),
            new Permission("Companies", "Contacts", "Inquire",
                    "read the ticket's contact (GET /company/contacts/{id})", "/company/contacts?pageSize=1"),
            new Permission("Companies", "Manage Documents", "Inquire",
                    "list and download ticket documents (GET /system/documents...)",
                    "/system/documents?recordType=Ticket&recordId={ticket}&pageSize=1"),
            new Permission("Companies", "Manage Documents", "Add",
                    "attach Field Nation provider uploads to the ticket (POST /system/documents)", null),
            new Permission("Service Desk", "Resource Scheduling", "Inquire",
                    "read the ticket's schedule entries (GET /schedule/entries)", "/schedule/entries?pageSize=1"),
            new Permission("Service Desk", "Resource Scheduling", "Add",
                    "create a schedule entry when Field Nation reschedules (POST /schedule/entries)", null),
            new Permission("Service Desk", "Resource Scheduling", "Edit",
                    "move the schedule entry when Field Nation reschedules (PATCH /schedule/entries/{id})", null),
            new Permission("System", "Table Setup", "Inquire",
                    "read boards, their statuses, types and subtypes, and priorities (GET /service/boards..., "
                            + "/service/priorities)", "/service/boards?pageSize=1"),
            new Permission("System", "API Callbacks", "Inquire",
                    "list callback registrations (GET /system/callbacks)", "/system/callbacks?pageSize=1"),
            new Permission("System", "API Callbacks", "Add",
                    "register the ticket callback (POST /system/callbacks)", null),
            new Permission("System", "API Callbacks", "Delete",
                    "remove the connector's callback, or replace an inactive one (DELETE /system/callbacks/{id})",
                    null));

    private RequiredPermissions() {
    }

    public static List<Permission> probed() {
        return ALL.stream().filter(p -> p.probe() != null).toList();
    }

    public static List<Permission> notProbed() {
        return ALL.stream().filter(p -> p.probe() == null).toList();
    }
}
