package com.cwfn.http;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The request budget of each API the connector calls, by its system name ({@code ConnectWise}, {@code Field Nation}). */
public final class RequestBudgets {
    private final Map<String, RequestBudget> bySystem = new LinkedHashMap<>();

    public RequestBudgets(List<RequestBudget> budgets) {
        budgets.forEach(b -> bySystem.put(b.api(), b));
    }

    public RequestBudget of(String system) {
        RequestBudget b = bySystem.get(system);
        if (b == null) {
            throw new IllegalArgumentException("no request budget for " + system);
        }
        return b;
    }

    public Collection<RequestBudget> all() {
        return bySystem.values();
    }
}
