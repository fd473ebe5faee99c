/**
 * Pauses: work waits until a time for a cause outside the event being worked, without that counting against the
 * event. {@link com.cwfn.pause.Pause} is the signal (resource, until, reason); {@link com.cwfn.pause.Pauses} holds
 * this instance's pauses by resource, logs each once and tells its listeners (the metrics).
 *
 * <p>Who raises one: the request budgets ({@code http.RequestBudget}) on a 429, for their API. Another cause raises
 * its own the same way: the database's is raised by {@code inbox.DatabaseOutage} ({@code pauses.raise("database",
 * until, reason)}, then {@code throw pauses.signal("database")} where work meets it) and lifted when it answers.
 * What an event that meets a pause becomes is decided in {@code inbox.FailureHandler}: back to the inbox due at the
 * pause's end ({@code store.InboxStore#pauseUntil}), claim released, no attempt counted, no backoff, the paused time
 * not counted toward giving up.
 */
package com.cwfn.pause;
