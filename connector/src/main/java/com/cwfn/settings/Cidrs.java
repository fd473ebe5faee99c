package com.cwfn.settings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A list of address blocks in CIDR notation ({@code 10.0.0.0/8}, {@code 192.168.1.7}, {@code fd00::/8}), as in
 * {@code connector.trusted-proxies}. Only IP literals are read: nothing here ever asks DNS.
 */
public final class Cidrs {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Block> blocks;

    private Cidrs(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** The blocks of a comma-separated list; throws {@link SettingsException} naming the first one that is not. */
    public static Cidrs parse(String list) {
        List<Block> out = new ArrayList<>();
        for (String item : Arrays.stream(list == null ? new String[0] : list.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList()) {
            out.add(block(item).orElseThrow(() -> new SettingsException("'" + item + "' is not an address block "
                    + "(CIDR such as 10.0.0.0/8 or fd00::/8, or one address)")));
        }
        return new Cidrs(List.copyOf(out));
    }

    /** The problem with a comma-separated list, or null when every item is a block. */
    public static String problem(String list) {
        try {
            parse(list);
            return null;
        } catch (SettingsException e) {
            return "must be comma-separated CIDRs: " + e.getMessage();
        }
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** True when {@code address} (an IP literal) lies in one of the blocks; false for anything else. */
    public boolean contains(String address) {
        Optional<byte[]> a = literal(address);
        return a.isPresent() && blocks.stream().anyMatch(b -> b.contains(a.get()));
    }

    /** The bytes of an IPv4 or IPv6 literal (an IPv4-mapped IPv6 address as IPv4), or empty when it is none. */
    public static Optional<byte[]> literal(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String v = s.trim();
        int zone = v.indexOf('%');
        if (zone > 0) {
            v = v.substring(0, zone);
        }
        boolean v4 = IPV4.matcher(v).matches();
        if (v4 && Arrays.stream(v.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)
                || !v4 && !IPV6.matcher(v).matches()) {
            return Optional.empty(); // never a host name: that would be looked up
        }
        try {
            return Optional.of(InetAddress.getByName(v).getAddress()); // a literal: no lookup
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<Block> block(String item) {
        int slash = item.indexOf('/');
        Optional<byte[]> network = literal(slash < 0 ? item : item.substring(0, slash));
        if (network.isEmpty()) {
            return Optional.empty();
        }
        int bits = network.get().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(item.substring(slash + 1).trim());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return prefix < 0 || prefix > bits ? Optional.empty() : Optional.of(new Block(network.get(), prefix));
    }
}
