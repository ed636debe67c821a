package com.baedal.support.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * What counts as a JUEL expression in a value sent to the engine: {@code ${} or {@code #{}, also after URL-decoding
 * (up to three times). The gateway refuses such values at the edge and the engine refuses them in task queries and
 * filters; both ask this one rule, so the two checks cannot drift apart.
 */
public final class Expressions {

    private static final int DECODE_ROUNDS = 3;

    private Expressions() {
    }

    /** {@code ${} or {@code #{}, also after URL-decoding (up to three times). */
    public static boolean containsExpression(String value) {
        String current = value;
        for (int round = 0; round <= DECODE_ROUNDS; round++) {
            if (current.contains("${") || current.contains("#{")) {
                return true;
            }
            if (current.indexOf('%') < 0 && current.indexOf('+') < 0) {
                return false;
            }
            String decoded = decode(current);
            if (decoded.equals(current)) {
                return false;
            }
            current = decoded;
        }
        return false;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            // A stray '%': decode only the well-formed escapes of the characters that matter.
            return value.replaceAll("(?i)%24", "\\$").replaceAll("(?i)%23", "#").replaceAll("(?i)%7b", "{");
        }
    }
}
