package com.cwfn.sandbox.connectwise;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The ConnectWise security-role permissions the connector needs, named "Module › Function › Level" exactly as the
 * ConnectWise security-role screen shows them, and which API call needs which one.
 *
 * <p>{@link #required(String, String)} is the single mapping used by the sandbox to answer 403 and can be used by the
 * connector's connection check and README. Paths are relative to {@code /{codebase}/apis/3.0}.
 */
public final class ConnectWisePermissions {
    private static final String S = " \u203A ";

    public static final String SERVICE_TICKETS_INQUIRE = "Service Desk" + S + "Service Tickets" + S + "Inquire";
    public static final String SERVICE_TICKETS_ADD = "Service Desk" + S + "Service Tickets" + S + "Add";
    public static final String SERVICE_TICKETS_EDIT = "Service Desk" + S + "Service Tickets" + S + "Edit";
    /** Not needed by the connector; the sandbox checks it on DELETE /service/tickets/{id}. */
    public static final String SERVICE_TICKETS_DELETE = "Service Desk" + S + "Service Tickets" + S + "Delete";

    public static final String PROJECT_TICKETS_INQUIRE = "Project" + S + "Project Tickets" + S + "Inquire";
    public static final String PROJECT_TICKETS_ADD = "Project" + S + "Project Tickets" + S + "Add";
    public static final String PROJECT_TICKETS_EDIT = "Project" + S + "Project Tickets" + S + "Edit";
    /** Not needed by the connector; the sandbox checks it on DELETE /project/tickets/{id}. */
    public static final String PROJECT_TICKETS_DELETE = "Project" + S + "Project Tickets" + S + "Delete";

    public static final String COMPANY_MAINTENANCE_INQUIRE = "Companies" + S + "Company Maintenance" + S + "Inquire";
    public static final String CONTACTS_INQUIRE = "Companies" + S + "Contacts" + S + "Inquire";

    public static final String DOCUMENTS_INQUIRE = "Companies" + S + "Manage Documents" + S + "Inquire";
    public static final String DOCUMENTS_ADD = "Companies" + S + "Manage Documents" + S + "Add";
    /** Not needed by the connector; the sandbox checks it on DELETE /system/documents/{id}. */
    public static final String DOCUMENTS_DELETE = "Companies" + S + "Manage Documents" + S + "Delete";

    public static final String SCHEDULING_INQUIRE = "Service Desk" + S + "Resource Scheduling" + S + "Inquire";
    public static final String SCHEDULING_ADD = "Service Desk" + S + "Resource Scheduling" + S + "Add";
    public static final String SCHEDULING_EDIT = "Service Desk" + S + "Resource Scheduling" + S + "Edit";
    /** Not needed by the connector; the sandbox checks it on DELETE /schedule/entries/{id}. */
    public static final String SCHEDULING_DELETE = "Service Desk" + S + "Resource Scheduling" + S + "Delete";

    public static final String TABLE_SETUP_INQUIRE = "System" + S + "Table Setup" + S + "Inquire";

    public static final String CALLBACKS_INQUIRE = "System" + S + "API Callbacks" + S + "Inquire";
    public static final String CALLBACKS_ADD = "System" + S + "API Callbacks" + S + "Add";
    /** Not needed by the connector; the sandbox checks it on PATCH/PUT /system/callbacks/{id}. */
    public static final String CALLBACKS_EDIT = "System" + S + "API Callbacks" + S + "Edit";
    public static final String CALLBACKS_DELETE = "System" + S + "API Callbacks" + S + "Delete";

    /** The permissions the connector itself needs (what a connection check should verify). */
    public static final List<String> CONNECTOR_NEEDS = List.of(
            SERVICE_TICKETS_INQUIRE, SERVICE_TICKETS_ADD, SERVICE_TICKETS_EDIT,
            PROJECT_TICKETS_INQUIRE, PROJECT_TICKETS_ADD, PROJECT_TICKETS_EDIT,
            COMPANY_MAINTENANCE_INQUIRE, CONTACTS_INQUIRE,
            DOCUMENTS_INQUIRE, DOCUMENTS_ADD,
            SCHEDULING_INQUIRE, SCHEDULING_ADD, SCHEDULING_EDIT,
            TABLE_SETUP_INQUIRE,
            CALLBACKS_INQUIRE, CALLBACKS_ADD, CALLBACKS_DELETE);

    /** Every permission name this class knows. */
    public static final Set<String> ALL = Set.copyOf(List.of(
            SERVICE_TICKETS_INQUIRE, SERVICE_TICKETS_ADD, SERVICE_TICKETS_EDIT, SERVICE_TICKETS_DELETE,
            PROJECT_TICKETS_INQUIRE, PROJECT_TICKETS_ADD, PROJECT_TICKETS_EDIT, PROJECT_TICKETS_DELETE,
            COMPANY_MAINTENANCE_INQUIRE, CONTACTS_INQUIRE,
            DOCUMENTS_INQUIRE, DOCUMENTS_ADD, DOCUMENTS_DELETE,
            SCHEDULING_INQUIRE, SCHEDULING_ADD, SCHEDULING_EDIT, SCHEDULING_DELETE,
            TABLE_SETUP_INQUIRE,
            CALLBACKS_INQUIRE, CALLBACKS_ADD, CALLBACKS_EDIT, CALLBACKS_DELETE));

    private record Rule(Pattern method, Pattern path, String permission) {
    }

    private static final String ID = "[^/]+";

    /** First match wins. Paths are matched case-insensitively, without a trailing slash. */
    private static final List<Rule> RULES = List.of(
            rule("GET|HEAD", "/service/tickets(/.*)?", SERVICE_TICKETS_INQUIRE),
            rule("POST", "/service/tickets/search", SERVICE_TICKETS_INQUIRE),
            rule("POST", "/service/tickets(/" + ID + "/notes)?", SERVICE_TICKETS_ADD),
            rule("PATCH|PUT", "/service/tickets/" + ID + "(/notes/" + ID + ")?", SERVICE_TICKETS_EDIT),
            rule("DELETE", "/service/tickets/" + ID + "(/notes/" + ID + ")?", SERVICE_TICKETS_DELETE),

            rule("GET|HEAD", "/project/tickets(/.*)?", PROJECT_TICKETS_INQUIRE),
            rule("POST", "/project/tickets/search", PROJECT_TICKETS_INQUIRE),
            rule("POST", "/project/tickets(/" + ID + "/notes)?", PROJECT_TICKETS_ADD),
            rule("PATCH|PUT", "/project/tickets/" + ID + "(/notes/" + ID + ")?", PROJECT_TICKETS_EDIT),
            rule("DELETE", "/project/tickets/" + ID + "(/notes/" + ID + ")?", PROJECT_TICKETS_DELETE),

            rule("GET|HEAD", "/company/companies(/.*)?", COMPANY_MAINTENANCE_INQUIRE),
            rule("GET|HEAD", "/company/contacts(/.*)?", CONTACTS_INQUIRE),

            rule("GET|HEAD", "/system/documents(/.*)?", DOCUMENTS_INQUIRE),
            rule("POST", "/system/documents(/" + ID + ")?", DOCUMENTS_ADD),
            rule("DELETE", "/system/documents/" + ID, DOCUMENTS_DELETE),

            rule("GET|HEAD", "/schedule/entries(/.*)?", SCHEDULING_INQUIRE),
            rule("POST", "/schedule/entries", SCHEDULING_ADD),
            rule("PATCH|PUT", "/schedule/entries/" + ID, SCHEDULING_EDIT),
            rule("DELETE", "/schedule/entries/" + ID, SCHEDULING_DELETE),

            rule("GET|HEAD", "/service/(boards|priorities)(/.*)?", TABLE_SETUP_INQUIRE),
            rule("GET|HEAD", "/schedule/(types|statuses)(/.*)?", TABLE_SETUP_INQUIRE),

            rule("GET|HEAD", "/system/callbacks(/.*)?", CALLBACKS_INQUIRE),
            rule("POST", "/system/callbacks", CALLBACKS_ADD),
            rule("PATCH|PUT", "/system/callbacks/" + ID, CALLBACKS_EDIT),
            rule("DELETE", "/system/callbacks/" + ID, CALLBACKS_DELETE));

    private ConnectWisePermissions() {
    }

    private static Rule rule(String methods, String path, String permission) {
        return new Rule(Pattern.compile(methods), Pattern.compile(path, Pattern.CASE_INSENSITIVE), permission);
    }

    /**
     * The permission a call needs, or empty when valid credentials are enough (e.g. {@code GET /system/info}).
     *
     * @param method  HTTP method, e.g. {@code GET}
     * @param apiPath path below {@code /apis/3.0}, e.g. {@code /service/tickets/69/notes}
     */
    public static Optional<String> required(String method, String apiPath) {
        String m = method.toUpperCase(java.util.Locale.ROOT);
        String p = apiPath.length() > 1 && apiPath.endsWith("/") ? apiPath.substring(0, apiPath.length() - 1) : apiPath;
        for (Rule r : RULES) {
            if (r.method.matcher(m).matches() && r.path.matcher(p).matches()) {
                return Optional.of(r.permission);
            }
        }
        return Optional.empty();
    }

    /** A readable table of the mapping, for documentation and logs. */
    public static String describe() {
        return RULES.stream().map(r -> r.method.pattern() + " " + r.path.pattern() + " -> " + r.permission)
                .collect(Collectors.joining("\n"));
    }
}
