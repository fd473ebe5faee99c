package com.cwfn.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import org.junit.jupiter.api.Test;

class CountryCodesTest {
    @Test
    void twoLettersAreACode() {
        assertThat(CountryCodes.toIso2("us")).isEqualTo("US");
        assertThat(CountryCodes.toIso2(" ca ")).isEqualTo("CA");
        assertThat(CountryCodes.toIso2("UK")).isEqualTo("GB");
    }

    @Test
    void namesAndAlpha3() {
        assertThat(CountryCodes.toIso2("United States")).isEqualTo("US");
        assertThat(CountryCodes.toIso2("USA")).isEqualTo("US");
        assertThat(CountryCodes.toIso2("U.S.A.")).isEqualTo("US");
        assertThat(CountryCodes.toIso2("united states of america")).isEqualTo("US");
        assertThat(CountryCodes.toIso2("Canada")).isEqualTo("CA");
        assertThat(CountryCodes.toIso2("CAN")).isEqualTo("CA");
        assertThat(CountryCodes.toIso2("United Kingdom")).isEqualTo("GB");
        assertThat(CountryCodes.toIso2("Great Britain")).isEqualTo("GB");
        assertThat(CountryCodes.toIso2("GBR")).isEqualTo("GB");
        assertThat(CountryCodes.toIso2("The Netherlands")).isEqualTo("NL");
        assertThat(CountryCodes.toIso2("Mexico")).isEqualTo("MX");
        assertThat(CountryCodes.toIso2("Germany")).isEqualTo("DE");
        assertThat(CountryCodes.toIso2("Côte d’Ivoire")).isEqualTo("CI");
        assertThat(CountryCodes.toIso2("Ivory Coast")).isEqualTo("CI");
    }

    @Test
    void unknownIsKeptAsGiven() {
        assertThat(CountryCodes.toIso2(" Narnia ")).isEqualTo("Narnia");
        assertThat(CountryCodes.lookup("Narnia")).isEmpty();
        assertThat(CountryCodes.toIso2(null)).isNull();
        assertThat(CountryCodes.toIso2(" ")).isNull();
    }
}
