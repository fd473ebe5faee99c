package com.cwfn.mapping;

import java.util.List;

/**
 * Which dispatch rule applies to a ticket, and why: the first of its board's rules, then of the defaults' rules,
 * whose {@code if} holds.
 *
 * @param rule    the rule that applies; null when none does (the board's mapping as it is)
 * @param why     in words: what held, or that nothing did
 * @param checked the rules whose {@code if} did not hold before it, by {@link DispatchRule#label()}
 */
public record RuleChoice(DispatchRule rule, String why, List<String> checked) {

    public RuleChoice {
        checked = List.copyOf(checked);
    }

    /** True when a rule applies. */
    public boolean applies() {
        return rule != null;
    }
}
