package com.cwfn.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The admin login ({@code admin.username} / {@code admin.password}), shared by HTTP Basic on {@code /admin} and the
 * console's login form. Compared in constant time (digests of equal length); off while the password is empty.
 */
public class Credentials {
    private final String user;
    private final byte[] username;
    private final byte[] password;
    private final boolean enabled;

    public Credentials(String username, String password) {
        this.enabled = password != null && !password.isEmpty();
        this.user = username == null ? "" : username;
        this.username = sha256(this.user);
        this.password = sha256(password == null ? "" : password);
    }

    /** False while admin.password is empty: then nobody logs in. */
    public boolean enabled() {
        return enabled;
    }

    /** The configured user name (not a secret; shown as who is logged in). */
    public String username() {
        return user;
    }

    public boolean matches(String username, String password) {
        if (!enabled || username == null || password == null) {
            return false;
        }
        boolean u = MessageDigest.isEqual(this.username, sha256(username));
        boolean p = MessageDigest.isEqual(this.password, sha256(password));
        return u & p;
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
