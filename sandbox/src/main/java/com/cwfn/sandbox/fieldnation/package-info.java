/**
 * An in-memory, stateful Field Nation sandbox (OAuth, REST API v2, Webhooks v3) over real HTTP, for the
 * connector's tests.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * FieldNationSandbox fn = FieldNationSandbox.withDefaults().start(0);   // free port
 * fn.webhookRetryBaseDelay(Duration.ofMillis(100));                     // shrink 10 s backoff for tests
 * // connector config: fn.baseUrl() (token at /authentication/api/oauth/token), fn.restBaseUrl(),
 * //                   fn.clientId()/clientSecret()/username()/password()
 * long wo = ...;                        // created by the connector through REST
 * fn.assignProvider(wo, 1068);          // provider side, fires workorder.status.assigned
 * fn.providerAccepts(wo, 1069);         // a provider the work order was routed to accepts it
 * fn.providerMessage(wo, "On site");    // fires workorder.message_posted
 * fn.completeWork(wo, "Done");          // fires workorder.status.work_done
 * fn.deliveries();                      // every webhook attempt
 * fn.reset();                           // between tests
 * }</pre>
 *
 * <h2>Seed</h2>
 * Users: 500 "MSP Dispatch" (API user, buyer), 501 "Casey Coordinator" (buyer UI user), providers 1068 "Pat Tech",
 * 1069 "Sam Fixit", 1070 "Lee Cable", 1071 "Kim Wire", 1072 "Ana Volt", 1073 "Raj Port" (any other provider id is
 * accepted and named "Provider N"). Preferred provider groups 35 "Tampa Preferred" (1068-1071) and 36 "Orlando Techs"
 * (1072, 1073); talent pool group "Florida Network" (tiers with 1069, 1074 and 1075). Company 4120
 * "MSP Example Co". Custom fields (category 7 "Buyer fields", role buyer, type text): 129 "ConnectWise Ticket ID"
 * [internal_id, unique], 130 "Site Access", 131 "PO Number". Types of work: 1 Desktop Support, 5 Cabling - Low
 * Voltage, 14 Networking (service types 1401, 1402), 21 Server, 33 Printer, 47 Wireless, 62 Point of Sale (POS),
 * 70 Audio/Visual. Ids: work orders from 20001, folders from 1001 (Documents, then Misc, per work order),
 * attachments from 700001, messages from 40001, contacts from 8001, webhooks from 1 (webhookId a UUID).
 *
 * <h2>Where things are</h2>
 * {@link com.cwfn.sandbox.fieldnation.FieldNationSandbox} is the public API (control API, switches, error shapes);
 * {@code FnOAuth} answers the token endpoint and checks tokens, {@code FnRestApi} and {@code FnWebhooksApi} register
 * the REST v2 and Webhooks v3 routes. {@code FnStore} holds the state, the seed and the one lock; each resource class
 * works on it under that lock: {@code FnWorkOrders} (create, update, list), {@code FnWorkOrderView} (rendering),
 * {@code FnStatusMachine}, {@code FnLocations}, {@code FnSchedules}, {@code FnPay}, {@code FnContacts},
 * {@code FnCustomFields}, {@code FnTypesOfWork}, {@code FnPools} (preferred provider groups and talent pool groups),
 * {@code FnMessages}, {@code FnAttachments}, {@code FnTimeLogs}
 * (time logs and the ETA), {@code FnExpenses} (expenses and their approval), {@code FnWebhooks}
 * (registrations) and {@code FnEmitter}, which records events and queues their deliveries on the
 * {@code WebhookDispatcher}.
 *
 * <h2>Judgement calls where the sources are silent or disagree</h2>
 * <ul>
 * <li>Publish, route, and assign-from-Draft need types_of_work, schedule.service_window, pay and location
 *     ({@code requireCompleteForPublish}); the control API's route/assignProvider skip that rule.</li>
 * <li>DELETE of a Draft soft-deletes it (404 afterwards, {@code workorder.status.deleted}); Published, Routed,
 *     Assigned and Work Done become Cancelled (7); Approved, Paid, Cancelled refuse (400 Invalid Status).</li>
 * <li>POST /mass-route ({@code {"ids": [...]}}, MassRoutePayload) routes to each provider like POST /route (one
 *     workorder.routed each, status routed once) and answers {@code {"job_id"}}; a routed work order can still be
 *     published, and a provider it was routed to can accept it ({@code providerAccepts}).</li>
 * <li>DELETE /assignee goes back to Published; DELETE /complete needs {@code reason} and {@code reason_id}
 *     (OAS-REST marks both required).</li>
 * <li>A value of the {@code unique} custom field 129 may be used by only one live (not cancelled/deleted) work
 *     order ({@code enforceUniqueCustomFields}).</li>
 * <li>f_search matches id, title, description, location name/address, type of work, the buyer (creator) and the
 *     assigned provider, as the spec names them; never custom field values (the spec does not name them, so a
 *     connector must not find its ticket id that way). f_created takes a date or an inclusive range
 *     {@code start,end} and compares it with the work order's creation date in its local time (the site zone).</li>
 * <li>Where the published REST v2 request schemas require fields, REST calls are refused without them
 *     ({@code FnRequestRules}): PUT /schedule needs service_window mode, start and end, each with local date and
 *     time (utc, when also given, must be the same instant in the site zone); PUT /location needs mode, address1,
 *     city, state, zip, country and saved_location (null allowed); POST /messages needs message, type from the
 *     enum. incident_id is a string. The control API (the UI) is not held to them.</li>
 * <li>custom_fields on create are taken in every shape the texts show; {@code ignoreCustomFieldsOnCreate} plays a
 *     Field Nation that takes none of them there (the per-field endpoint always works).</li>
 * <li>POST /messages answers the created message object (OLD docs; OAS-REST says the list envelope).</li>
 * <li>Webhooks created without a secret get a generated one (OAS-WH), so deliveries are always signed unless
 *     {@code autoGenerateWebhookSecret(false)}. A secret must be a UUID, notificationEmail an email, events
 *     unique, method and status exactly one of their enum values; the URL must be HTTPS except on loopback hosts
 *     (127.0.0.0/8, ::1, localhost), so local receivers work ({@code requireHttpsWebhookUrls(false)} allows any).</li>
 * <li>Receiver answers: 2xx done; any 4xx (incl. 404/410/408/429) permanent; 5xx, timeouts, connection errors
 *     retried. Delivery is sequential per (webhook, work order): a later event waits for an earlier one's retries.</li>
 * <li>Dates: UTC in {@code "YYYY-MM-DD HH:MM:SS"}; {@code local} uses the site zone (from time_zone, else the US
 *     state, else America/Chicago). Time zone ids other than 3 = America/Chicago are this sandbox's own.</li>
 * <li>{@code async=true} is accepted and ignored (everything is processed synchronously).</li>
 * <li>Time logs and expenses change only while the work order is Assigned or Work Done and raise no event (Field
 *     Nation has none for them); only a buyer approves or disapproves an expense. A time log id is never given
 *     twice on one work order, also after a delete.</li>
 * <li>reset() keeps issued tokens and the timing settings (tokenTtl, webhook retry delay/retries/timeout).</li>
 * </ul>
 */
package com.cwfn.sandbox.fieldnation;
