package com.cwfn.http;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Ids for a list call's filter, comma-joined in batches small enough to keep a URL well under the APIs' limits. */
public final class IdBatches {
    private IdBatches() {
    }

    /** {@code [1,2,3,4,5]} in batches of 2: {@code ["1,2", "3,4", "5"]}. */
    public static List<String> joined(List<Long> ids, int size) {
        List<String> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += size) {
            out.add(ids.subList(from, Math.min(ids.size(), from + size)).stream().map(String::valueOf)
                    .collect(Collectors.joining(",")));
        }
        return out;
    }
}
