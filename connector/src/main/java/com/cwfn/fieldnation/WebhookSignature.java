package com.cwfn.fieldnation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Field Nation webhook signatures: {@code X-FN-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>}. */
public final class WebhookSignature {
    private WebhookSignature() {
    }

    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time check; the hex may be upper or lower case. */
    public static boolean verify(String secret, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        String h = header.trim();
        if (!h.regionMatches(true, 0, "sha256=", 0, 7)) {
            return false;
        }
        String expected = sign(secret, body);
        String got = "sha256=" + h.substring(7).toLowerCase(java.util.Locale.ROOT);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                got.getBytes(StandardCharsets.US_ASCII));
    }
}
