package com.cwfn.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A mapped body compared with the JSON it should be. */
final class ObjectNodeAssert {
    private ObjectNodeAssert() {
    }

    static void assertBody(ObjectNode body, String expected) {
        assertThat(body).isEqualTo(TestSupport.json(expected));
    }
}
