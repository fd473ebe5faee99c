/**
 * Dispatch rules at work after the create (routes/routing.camel.yaml, and one step each in the dispatch and sync-back
 * routes): a rule's routing planned for its work order, each stage fired once from its inbox timer (mass-routed to
 * providers or a pool, published, or an alert), the drafts waiting for approval published or cancelled, the stages
 * stopped by an assignment and started again when the provider cancels, and the alert when a work order is still
 * unassigned before its visit. One class per step; {@link com.cwfn.routing.RoutingTimers} records the timers.
 */
package com.cwfn.routing;
