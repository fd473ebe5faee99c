/**
 * The ConnectWise Manage (PSA) sandbox: {@link com.cwfn.sandbox.connectwise.ConnectWiseSandbox}, an in-memory,
 * stateful REST API 3.0 over real HTTP, built from the facts in {@code shared/reference/connectwise-api.md}.
 *
 * <h2>Starting it</h2>
 * <pre>{@code
 * ConnectWiseSandbox cw = ConnectWiseSandbox.withDefaults().start(0);   // companyId examplemsp, keys sandboxpub /
 * cw.seedDemo();                                                          // sandboxpriv, clientId ...c11e
 * String api = cw.apiBaseUrl();     // http://127.0.0.1:<port>/v4_6_release/apis/3.0
 * }</pre>
 *
 * <h2>Errors it answers</h2>
 * <ul>
 * <li>401 {@code {"code":"Unauthorized","message":"Incorrect public/private key","errors":null}} for wrong keys or
 * company; {@code "message":"UserNotAuthenticated"} when there is no Basic Authorization header. Keys are never
 * echoed.</li>
 * <li>400 {@code {"code":"InvalidClientId","message":"The clientId header is required. ...","errors":null}} when the
 * {@code clientId} header (any case) is missing; the same code with "... is not a registered integration." when it
 * is a different id. (ConnectWise's real wording is unverified; this code and these messages are the sandbox's.)</li>
 * <li>403 {@code {"code":"Security","message":"You do not have security permission to perform this action."}} for a
 * permission denied with {@code deny(...)}; see {@link com.cwfn.sandbox.connectwise.ConnectWisePermissions}.</li>
 * <li>404 {@code {"code":"ConnectWiseApi","message":"The endpoint does not exist."}} for an unknown path or another
 * codebase; 404 {@code {"code":"NotFound","message":"Ticket 123 not found"}} for a missing record.</li>
 * <li>400 {@code {"code":"InvalidObject","message":"<resource> object is invalid","errors":[{code,message,resource,
 * field}]}} for validation (inner codes MissingRequiredField, MaxLengthField, NotFound, InvalidField, ObjectExists,
 * InvalidObject); 400 {@code {"code":"ConnectWiseApi",...}} for request-level problems: unreadable JSON, a PATCH body
 * that is not an array, an unknown member in a POST body ("Could not find member 'x' on object of type 'Ticket'."),
 * and a bad {@code conditions} string ("Expected ... String values should be enclosed with double or single quotes;
 * DateTime values should be enclosed in square brackets; ...").</li>
 * <li>415 {@code {"code":"ConnectWiseApi",...}} for a document upload that is not multipart/form-data.</li>
 * <li>429 {@code {"error":"ConnectWiseAPI","message":"Too many requests. Please try again later."}} - the
 * documented shape uses {@code error}, not {@code code} - plus a {@code Retry-After}: injected as a fault, or from
 * {@code throttle()} ({@code CwThrottle}), a sliding window over every request (ConnectWise throttles at about
 * 1,000 requests a minute) whose {@code Retry-After} is the seconds until the window has room.</li>
 * </ul>
 *
 * <h2>Where things are</h2>
 * {@code ConnectWiseSandbox} is the public API (control API, switches, signing keys) and does authentication, error
 * shapes and case-insensitive dispatch. {@code CwStore} holds the state and the one lock; each resource class works on
 * it under that lock and registers its own routes: {@code CwTickets}, {@code CwNotes}, {@code CwDocuments},
 * {@code CwScheduleEntries}, {@code CwCallbacks} (registrations), {@code CwSetupTables} (the tables of
 * {@code ReferenceData}), {@code CwCharges} (time entries, expense entries, ticket products) with
 * {@code CwChargeTables} (members, work types, work roles, expense types, the catalog); {@code CwCallbackEvents}
 * turns ticket changes into messages for {@code CallbackSender}.
 * {@code TicketRules} validates and builds tickets, {@code ListQuery} and {@code Conditions} answer list queries.
 * {@code CwThrottle} is the throttling, checked before anything else is done with a request.
 *
 * <h2>Judgement calls where the reference is silent or unverified</h2>
 * <ul>
 * <li>Path segments are matched case-insensitively ({@code /allnotes} works) and a trailing slash is ignored.</li>
 * <li>Text comparison in conditions is case-insensitive (SQL Server collation; the reference example
 * {@code status/name="new"} relies on it). Comparing a null field with a value is false either way (SQL); a field
 * no record knows is refused with 400 so that typos do not silently match nothing.</li>
 * <li>PATCH {@code customFields} with only some items keeps the values of the items not sent; unknown ids and
 * values of the wrong type are refused. Unknown PATCH paths are refused (InvalidField "The path 'x' is not
 * valid."); read-only fields (closedFlag, _info, id ...) are refused on PATCH and ignored on POST/PUT.</li>
 * <li>When a PATCH moves the board but names no status, a status of the same name on the new board is kept, else the
 * board's default; types/subtypes/items likewise (or cleared).</li>
 * <li>POST without site/contact/priority takes the company's primary site, default contact and the default
 * priority, and copies the site's address and the contact's phone/email into the ticket (an explicit
 * {@code "site": null} keeps it empty).</li>
 * <li>A note's {@code member} is the API member on REST calls unless the body names a known member.</li>
 * <li>{@code skipCallback} and {@code processNotifications} are accepted in ticket POST/PUT bodies and ignored.</li>
 * <li>Schedule entry changes do not touch the ticket and fire no ticket callback; nor do time entries, expense
 * entries and products. A REST create or replace of a schedule entry must name its {@code type}, the generated
 * model's one required field (the control API defaults it to Service); {@code member} is optional (the API member)
 * but must exist when named. A closed ticket (or a status with timeEntryNotAllowed) takes no time entry, expense
 * entry or product (400 InvalidObject); their member defaults to the API member; billableOption defaults to
 * Billable except on products, where the published model requires it.</li>
 * <li>Callback {@code Entity}: the ticket as GET shows it, serialised as a string, with null fields left out (as in
 * the captured ConnectWise payloads); {@code FromUrl} is the sandbox's host:port. Level integratortag never matches.
 * Connection errors and timeouts are recorded and not retried (only 404/409/419/429 are).</li>
 * <li>Forward-only paging ({@code pagination-type: forward-only}) answers a {@code Link} rel="next" with the last id
 * only while more records follow; navigable paging omits first/prev on page 1 and next/last on the last page and
 * sends no Link when everything fits one page.</li>
 * </ul>
 */
package com.cwfn.sandbox.connectwise;
