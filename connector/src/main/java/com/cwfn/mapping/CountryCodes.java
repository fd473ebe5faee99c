package com.cwfn.mapping;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Country names and codes to ISO 3166-1 alpha-2: two letters are taken as a code; otherwise the English country
 * names and the alpha-3 codes known to {@link Locale}, plus common aliases ("USA", "United States of America",
 * "UK", "Great Britain", ...). Matching ignores case, accents, dots and a leading "the".
 */
public final class CountryCodes {
    private static final Map<String, String> BY_NAME = new HashMap<>();

    static {
        for (String code : Locale.getISOCountries()) {
            Locale l = new Locale("", code);
            BY_NAME.put(key(l.getDisplayCountry(Locale.ENGLISH)), code);
            try {
                BY_NAME.put(key(l.getISO3Country()), code);
            } catch (java.util.MissingResourceException ignored) {
                // no alpha-3 code known
            }
        }
        String[][] aliases = {
                {"United States of America", "US"}, {"America", "US"}, {"U.S.", "US"}, {"U.S.A.", "US"},
                {"United States (USA)", "US"}, {"Estados Unidos", "US"},
                {"UK", "GB"}, {"Great Britain", "GB"}, {"Britain", "GB"}, {"England", "GB"}, {"Scotland", "GB"},
                {"Wales", "GB"}, {"Northern Ireland", "GB"}, {"United Kingdom of Great Britain and Northern Ireland", "GB"},
                {"Holland", "NL"}, {"Netherlands", "NL"}, {"Deutschland", "DE"}, {"Mexico", "MX"}, {"México", "MX"},
                {"Czech Republic", "CZ"}, {"Russia", "RU"}, {"Russian Federation", "RU"}, {"South Korea", "KR"},
                {"Korea", "KR"}, {"Republic of Korea", "KR"}, {"Vietnam", "VN"}, {"Viet Nam", "VN"}, {"Turkey", "TR"},
                {"Türkiye", "TR"}, {"Ivory Coast", "CI"}, {"Macedonia", "MK"}, {"Swaziland", "SZ"}, {"Burma", "MM"},
                {"Puerto Rico", "PR"}, {"UAE", "AE"}, {"Hong Kong", "HK"}, {"Macau", "MO"}, {"Taiwan", "TW"}};
        for (String[] a : aliases) {
            BY_NAME.put(key(a[0]), a[1]);
        }
    }

    private CountryCodes() {
    }

    /** The ISO-2 code for a code or name; the input as given (trimmed) when unknown; null for null or blank. */
    public static String toIso2(String codeOrName) {
        if (codeOrName == null || codeOrName.isBlank()) {
            return null;
        }
        return lookup(codeOrName).orElse(codeOrName.trim());
    }

    /** The ISO-2 code when the value is two letters or a known name or alpha-3 code. */
    public static Optional<String> lookup(String codeOrName) {
        if (codeOrName == null || codeOrName.isBlank()) {
            return Optional.empty();
        }
        String s = codeOrName.trim();
        if (s.length() == 2 && Character.isLetter(s.charAt(0)) && Character.isLetter(s.charAt(1))) {
            String up = s.toUpperCase(Locale.ROOT);
            return Optional.of(up.equals("UK") ? "GB" : up);
        }
        return Optional.ofNullable(BY_NAME.get(key(s)));
    }

    private static String key(String s) {
        String k = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        k = k.toLowerCase(Locale.ROOT).replace(".", "").replaceAll("[\\s,]+", " ").trim();
        if (k.startsWith("the ")) {
            k = k.substring(4);
        }
        return k;
    }
}
