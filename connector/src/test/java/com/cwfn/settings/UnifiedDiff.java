package com.cwfn.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * The unified diff (as {@code diff -u} and {@code git diff} write it, {@code git apply} takes it) from one text to
 * another, with three lines of context: what a generated file's check prints so that the change can be read and
 * applied by hand.
 */
final class UnifiedDiff {
    private static final int CONTEXT = 3;
    private static final String NO_NEWLINE = "\\ No newline at end of file";

    private UnifiedDiff() {
    }

    /** The diff from {@code before} to {@code after} of the file at {@code path}, or "" when they are equal. */
    static String of(String path, String before, String after) {
        if (before.equals(after)) {
            return "";
        }
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<char[]> ops = script(a, b);
        boolean aEndsOpen = !before.isEmpty() && !before.endsWith("\n");
        boolean bEndsOpen = !after.isEmpty() && !after.endsWith("\n");
        StringBuilder out = new StringBuilder("--- a/" + path + "\n+++ b/" + path + "\n");
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i)[0] == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // a hunk runs on while the next change is within twice the context
            while (end < ops.size()) {
                int next = end;
                while (next < ops.size() && ops.get(next)[0] == ' ') {
                    next++;
                }
                if (next == ops.size() || next - end > 2 * CONTEXT) {
                    end = Math.min(ops.size(), end + CONTEXT);
                    break;
                }
                end = next + 1;
            }
            hunk(out, ops, start, end, a, b, aEndsOpen, bEndsOpen);
            i = end;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<char[]> ops, int start, int end, List<String> a, List<String> b,
            boolean aEndsOpen, boolean bEndsOpen) {
        int aLine = 0;
        int bLine = 0;
        for (int k = 0; k < start; k++) {
            aLine += ops.get(k)[0] != '+' ? 1 : 0;
            bLine += ops.get(k)[0] != '-' ? 1 : 0;
        }
        int aCount = 0;
        int bCount = 0;
        StringBuilder body = new StringBuilder();
        for (int k = start; k < end; k++) {
            char op = ops.get(k)[0];
            String line = op == '+' ? b.get(bLine + bCount) : a.get(aLine + aCount);
            body.append(op).append(line).append('\n');
            aCount += op != '+' ? 1 : 0;
            bCount += op != '-' ? 1 : 0;
            boolean lastOfA = op != '+' && aLine + aCount == a.size() && aEndsOpen;
            boolean lastOfB = op != '-' && bLine + bCount == b.size() && bEndsOpen;
            if (lastOfA || lastOfB) {
                body.append(NO_NEWLINE).append('\n');
            }
        }
        out.append("@@ -").append(range(aLine, aCount)).append(" +").append(range(bLine, bCount)).append(" @@\n")
                .append(body);
    }

    private static String range(int from, int count) {
        return (count == 0 ? from : from + 1) + "," + count;
    }

    /** The lines of a text, without their newlines. */
    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** The shortest edit script: ' ' keeps a line, '-' drops one of a, '+' adds one of b (longest common subsequence). */
    private static List<char[]> script(List<String> a, List<String> b) {
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<char[]> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(new char[] {' '});
                i++;
                j++;
            } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
                ops.add(new char[] {'-'});
                i++;
            } else {
                ops.add(new char[] {'+'});
                j++;
            }
        }
        return ops;
    }
}
